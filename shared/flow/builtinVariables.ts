/**
 * Variables the engine sets by itself; templates may use them without declaring them.
 */
export const builtinVariables = {
  agentName: 'Name of the agent who took the conversation.',
  estimatedWait: 'Estimated wait before a person joins, in words ("about 2 minutes").',
  handoffReason: 'Why the bot handed over, or the reason the customer gave.',
  customerName: 'Customer name, when known (asked by default-mode handoffs).',
  customerEmail: 'Customer email, when known (asked by handoffs and tickets, or detected in messages).',
  customerPhone: 'Customer phone, when detected in messages.',
  ticketId: 'Id of the ticket opened by the last Ticket block.',
  lastMessage: "The customer's last message.",
  intent: 'Name of the last intent recognised by an intent router.',
} as const;

export type BuiltinVariable = keyof typeof builtinVariables;
export const builtinVariableNames = Object.keys(builtinVariables) as BuiltinVariable[];

/**
 * Built-ins that describe the visitor: a page may give them (the profile fills them; pageVariables.ts), and an HTTP
 * request may save them from a CRM's reply. The others are Baton's own: nothing but the engine writes them.
 */
export const visitorIdentityVariables: readonly string[] = ['customerName', 'customerEmail', 'customerPhone'];
