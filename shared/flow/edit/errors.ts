/**
 * The error every invalid edit throws. The flow it was applied to is left untouched (immer discards the
 * draft), so the studio can show `message` and carry on.
 */
export type FlowEditErrorCode =
  | 'unknown_block'
  | 'unknown_edge'
  | 'unknown_note'
  | 'unknown_group'
  | 'unknown_variable'
  | 'unknown_option'
  | 'id_taken'
  | 'bad_id'
  | 'bad_connection'
  | 'not_allowed'
  | 'invalid_data'
  | 'bad_clipboard';

export class FlowEditError extends Error {
  override readonly name = 'FlowEditError';
  constructor(
    readonly code: FlowEditErrorCode,
    message: string,
  ) {
    super(message);
  }
}
