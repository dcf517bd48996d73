/** Human takeover: hands the conversation to a person (see `../humanTakeover.ts` for the lifecycle). */
import type { BlockBehaviour } from './types';
import { answerTakeoverQuestion, closedByHours, enterTakeover, findsNobodyNow, nobodyForTicket, saidNobodyFound, someoneReachableNow, stillClosedLine, upsetApology, type TakeoverQuestionWaiting } from '../humanTakeover';

export const humanTakeoverBehaviour: BlockBehaviour<'human_takeover'> = {
  waitsAs: ['takeover_question', 'handoff', 'restart'],
  enter: (run, block, entry) => enterTakeover(run, block, entry),
  questionWaiting: 'takeover_question',
  answerQuestion: (run, block, w, text) => answerTakeoverQuestion(run, block, w as TakeoverQuestionWaiting, text),
  reachesSomeoneNow: (run, block) => someoneReachableNow(run, block),
  findsNobodyNow: (run, block) => findsNobodyNow(run, block),
  closedByHours: (run, block) => closedByHours(run, block),
  upsetApology: (_run, block) => upsetApology(block),
  saidNobodyFound: (run, block, text) => saidNobodyFound(run, block, text),
  stillClosedLine: (run, block) => stillClosedLine(run, block),
  nobodyForQuestion: (run, block, entry, takesNoDetails) => nobodyForTicket(run, block, entry, takesNoDetails),
};
