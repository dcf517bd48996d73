/**
 * The engine behaviour of every block kind, keyed by kind: the one place the engine finds what a kind
 * does. `BlockBehaviours` is a mapped type over `BlockKind`, so a kind without a behaviour does not compile;
 * test/unit/blocks/completeness.test.ts checks it at run time too.
 *
 * Built on first use rather than at module load: behaviour modules import the walker (`runBlocks.ts`),
 * which imports this file, and a table built at load time could meet a behaviour module that has not
 * finished loading.
 */
import type { Block, BlockKind } from '../flow/schema';
import type { Waiting } from './types';
import type { BlockBehaviour, BlockBehaviours } from './behaviours/types';
import { startBehaviour } from './behaviours/start';
import { messageBehaviour } from './behaviours/message';
import { questionBehaviour } from './behaviours/question';
import { buttonsBehaviour } from './behaviours/buttons';
import { conditionBehaviour } from './behaviours/condition';
import { setVariableBehaviour } from './behaviours/setVariable';
import { intentRouterBehaviour } from './behaviours/intentRouter';
import { keywordRouterBehaviour } from './behaviours/keywordRouter';
import { httpRequestBehaviour } from './behaviours/httpRequest';
import { businessHoursBehaviour } from './behaviours/businessHours';
import { notifyBehaviour } from './behaviours/notify';
import { humanTakeoverBehaviour } from './behaviours/humanTakeover';
import { ticketBehaviour } from './behaviours/ticket';
import { csatBehaviour } from './behaviours/csat';
import { jumpBehaviour } from './behaviours/jump';
import { endBehaviour } from './behaviours/end';

let table: BlockBehaviours | null = null;

/** Every kind's behaviour. */
export function blockBehaviours(): BlockBehaviours {
  table ??= {
    start: startBehaviour,
    message: messageBehaviour,
    question: questionBehaviour,
    buttons: buttonsBehaviour,
    condition: conditionBehaviour,
    set_variable: setVariableBehaviour,
    intent_router: intentRouterBehaviour,
    keyword_router: keywordRouterBehaviour,
    http_request: httpRequestBehaviour,
    business_hours: businessHoursBehaviour,
    notify: notifyBehaviour,
    human_takeover: humanTakeoverBehaviour,
    ticket: ticketBehaviour,
    csat: csatBehaviour,
    jump: jumpBehaviour,
    end: endBehaviour,
  };
  return table;
}

/** The behaviour of `kind` (typed loosely: callers hold a block of that kind). */
export function behaviourOf(kind: BlockKind): BlockBehaviour<BlockKind> {
  return (table ?? blockBehaviours())[kind] as BlockBehaviour<BlockKind>;
}

/**
 * True when a conversation waiting as `waiting` can be at `block`: after a redeploy, the block a
 * conversation waits at may now be of another kind (or gone), and the engine then recovers instead of
 * handing the input to a block that cannot take it.
 */
export function canWaitAt(block: Block | undefined, waiting: Waiting['kind']): boolean {
  if (!block) return false;
  return behaviourOf(block.kind).waitsAs?.includes(waiting) ?? false;
}
