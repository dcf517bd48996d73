/**
 * What each block kind is: its palette label, its exits and whether it waits for the customer.
 * The single place the validator, the engine and the studio read block semantics from.
 */
import type { Block, BlockKind } from './schema';

export interface BlockKindInfo {
  label: string;
  description: string;
  /** True when the block stops and waits for a customer message (or an external event). */
  waitsForCustomer: boolean;
  /**
   * Exits whose absence would dead-end the customer. Exits not listed here may stay unwired: the engine
   * has a documented behaviour for them (e.g. an unwired `fallback` re-asks).
   */
  requiredExits: (block: Block) => string[];
  /** The flow's entry (only 'start'). */
  isEntry?: boolean;
  /** Blocks of this kind can be the escalation policy's target (only 'human_takeover'). */
  isHandoffTarget?: boolean;
}

const next = () => ['next'];
const none = () => [];

export const blockRegistry: Record<BlockKind, BlockKindInfo> = {
  start: { label: 'Start', description: 'Where every conversation begins.', waitsForCustomer: false, requiredExits: next, isEntry: true },
  message: { label: 'Message', description: 'Says something; supports {{variables}}.', waitsForCustomer: false, requiredExits: none },
  question: { label: 'Question', description: 'Asks and validates an answer (text, email, phone, number, date, URL).', waitsForCustomer: true, requiredExits: next },
  buttons: {
    label: 'Buttons',
    description: 'Offers choices; typed text is matched forgivingly.',
    waitsForCustomer: true,
    requiredExits: (b) => (b.kind === 'buttons' ? b.data.options.map((o) => o.id) : []),
  },
  condition: { label: 'Condition', description: 'Branches on variables (and/or).', waitsForCustomer: false, requiredExits: () => ['true', 'false'] },
  set_variable: { label: 'Set variable', description: 'Sets, increments or clears variables.', waitsForCustomer: false, requiredExits: none },
  intent_router: {
    label: 'Intent router',
    description: 'Understands what the customer wants; one exit per intent plus a fallback.',
    waitsForCustomer: true,
    requiredExits: (b) => (b.kind === 'intent_router' ? b.data.intents.map((i) => i.id) : []),
  },
  keyword_router: {
    label: 'Keyword router',
    description: 'Routes on keywords; one exit per route plus a fallback.',
    waitsForCustomer: true,
    requiredExits: (b) => (b.kind === 'keyword_router' ? b.data.routes.map((r) => r.id) : []),
  },
  http_request: { label: 'HTTP request', description: 'Calls an API and maps the JSON reply into variables.', waitsForCustomer: true, requiredExits: () => ['success', 'error'] },
  business_hours: { label: 'Business hours', description: 'Branches on opening hours.', waitsForCustomer: false, requiredExits: () => ['open', 'closed'] },
  notify: { label: 'Notify', description: 'Sends an email, Slack message or webhook.', waitsForCustomer: false, requiredExits: none },
  human_takeover: {
    label: 'Human takeover',
    description: 'Hands the conversation to a person (simple, default or custom assignation).',
    waitsForCustomer: true,
    requiredExits: () => ['resolved', 'no_agent', 'timeout'],
    isHandoffTarget: true,
  },
  ticket: { label: 'Ticket', description: 'Opens a ticket for offline follow-up.', waitsForCustomer: false, requiredExits: none },
  csat: { label: 'CSAT', description: 'Asks for a 1 to 5 rating and stores it.', waitsForCustomer: true, requiredExits: none },
  jump: { label: 'Jump', description: 'Continues at another block.', waitsForCustomer: false, requiredExits: none },
  end: { label: 'End', description: 'Ends the conversation.', waitsForCustomer: false, requiredExits: none },
};

/** What the kind is (label, waits, exits...). */
export function getBlockDefinition(kind: BlockKind): BlockKindInfo {
  return blockRegistry[kind];
}

/** Every exit a block can have (wired or not). */
export function exitsOf(block: Block): string[] {
  switch (block.kind) {
    case 'start':
    case 'message':
    case 'set_variable':
    case 'notify':
    case 'ticket':
    case 'csat':
      return ['next'];
    case 'question':
      return ['next', 'fallback'];
    case 'buttons':
      return [...block.data.options.map((o) => o.id), 'fallback'];
    case 'condition':
      return ['true', 'false'];
    case 'intent_router':
      return [...block.data.intents.map((i) => i.id), 'fallback'];
    case 'keyword_router':
      return [...block.data.routes.map((r) => r.id), 'fallback'];
    case 'http_request':
      return ['success', 'error'];
    case 'business_hours':
      return ['open', 'closed'];
    case 'human_takeover':
      return ['resolved', 'no_agent', 'timeout'];
    case 'jump':
    case 'end':
      return [];
  }
}
