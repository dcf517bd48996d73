/** The flow id rule lives in the core so the studio, `baton validate`, `baton serve` and the admin API agree. */
export { FLOW_ID_MAX, flowIdProblem } from '../../../shared/flow/flowId';
