/**
 * Ticket block: opens a ticket for offline follow-up. Asks for an email first when none is known (a ticket
 * nobody can answer is useless), then what the issue is when no reason is known, then emits
 * `create_ticket` and moves on.
 */
import type { Block, BlockOf } from '../flow/schema';
import type { Waiting } from './types';
import { renderTemplate } from '../flow/template';
import { asksForAPersonAgain, declinesEmail, emailAnswer, nameFromAnswer, ownAddressesOf, problemFromNameAnswer } from './questionValidators';
import { asideTexts, nextAside, sayAnswer, sayAnswerOnce, sideQuestionAtEmail, unansweredAtEmail, type SideQuestion } from './questionAtEmail';
import { addressTaken, asksForAMoment, asksWhyEmail, heldAnswer, momentEmailTexts, notThatEmail, picksAnAddress, setsAsideEmail, unsureOfEmail, whyEmailTexts } from './emailNonAnswers';
import { entitiesOf } from '../nlu/analyzeText';
import { analysedPart } from './analysedPart';
import { summarizeConversation } from './handoffContext';
import { reasonAlreadyGiven, reasonFromWay } from './reasonGiven';
import { backsOut, declinesEmailBeside, declinesEmailInAnswer, emailRefusedThen, refusesAPerson, REFUSED_PERSON } from './backOut';
import { inNoAgentFollowUp } from './noAgentFollowUp';
import { bot, isKnown, nextId, rememberEntities, setVar, type Run } from './run';
import { emergencySignalIn, selfHarmSignalIn } from './crisisSignal';
import { follow, goTo } from './runBlocks';
import { isUnsureReply } from '../nlu/bareReplies';
import { normalizeText } from '../nlu/normalizeText';
import { closesChat } from './closing';
import { behaviourOf } from './blockBehaviours';
import { onlyCourtesy, onlyExclamation } from '../nlu/courtesy';
import { callsBack, detailsBeside, earlierStatement, emailCorrection, issueBesideRequest, keepBesideAddress, keepDetailsBeside, phoneAtEmailTexts, pickAfterWhichEmail } from './detailsAnswer';
import { keepsReasonForPerson } from './reasonGiven';
import { sentimentOf } from '../nlu/sentiment';

type TicketWaiting = Extract<Waiting, { kind: 'ticket_question' }>;

/** The two halves of `nobodyFree`: a note said between them stays between them (review of session 42: no string surgery). */
const NOBODY_FREE = "I'm sorry, no one from our team is free right now, so I can't put you through.";
const LEAVE_EMAIL = "Leave your email address and a colleague will reply as soon as they can (or say you don't have one).";

export const ticketPrompts = {
  email: 'What email address should we reply to?',
  emailRetry: "That doesn't look like an email address. Could you check it? For example: name@example.com",
  issue: 'What should our team help you with?',
  /** Session 15 (hostile s15 H#5): a bare "no" / "nothing" at the issue question is asked again once. */
  issueRetry: 'Please tell us in a few words what our team should help you with.',
  /**
   * Session 45 (ticketq, retest s45 H2): a hold, filler, bare question mark or greeting at the issue question ("wait",
   * "what?", "hello?", "??") opened the ticket with it as the issue and said goodbye: the question again, kindly, once.
   */
  issueAgain: "I'm still here, no rush. When you're ready, tell us in a few words what our team should help you with.",
  /** Session 45 (ticketq, retest s45 H2): "I don't have an email" at the issue question was the ticket's issue. */
  issueNoEmail: "That's fine, the ticket doesn't need an email address. What should our team help you with?",
  /** Session 45 (ticketq, retest s45 H2): a phone number at the issue question was stored as the issue ("unknown contact"). */
  issueAfterPhone: (phone: string) => `Thanks, I've added ${phone} to the ticket so the team can contact you. What should our team help you with?`,
  /** Session 45 (ticketq, retest s45 H2): a complaint at the issue question ("this is ridiculous") is the issue, after this. */
  issueUpset: "I'm sorry about this.",
  /**
   * Session 46 (details5, retest s45): "are you a bot?" at the issue question was the ticket's issue (and the chat ended).
   */
  issueBotQuestion: "I'm the automated assistant; a person from our team will read your ticket and reply.",
  /**
   * Session 46 (details5, retest s45 L5): "can someone call me" / "call me instead" at the ticket's questions, with no
   * number known: the number is asked (it became the issue, or the email was asked again).
   */
  callNumber: 'Sure, the team can call you back. What number should they call you on? (Or leave an email address if you prefer.)',
  callNumberAtIssue: 'Sure, the team can call you back. What number should they call you on?',
  callKnown: (phone: string) => `Sure, the team will call you on ${phone}.`,
  /** Session 15 (hostile s15 H#1): two addresses, neither clearly the customer's. */
  whichEmail: (choices: readonly string[]) => `Which one should we reply to: ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}?`,
  /**
   * Session 15 (hostile s15 H#5): after a ticket opened without an email address whose text promises an email reply.
   */
  noEmail: "We don't have an email address for you, so we can't reply by email: we've opened ticket {{ticketId}}; please quote it when you contact us again.",
  /** Session 16 (newcomer s15 N#23): no email, but the customer gave a phone number: the team has it on the ticket. */
  // Session 44 (details2, retest s43 F6): "... will use your phone number 07700900123 from ticket T-CLI" read oddly.
  noEmailPhone: "We've opened ticket {{ticketId}}. We don't have an email address for you, so the team will contact you on {{customerPhone}} instead.",
  /** Session 16 (newcomer s15 N#14): a request for a person at the email question while nobody can be reached. */
  /** Session 19 (newcomer s19 F23, hostile s19 #11): the customer withdrew at the ticket's questions. */
  backedOut: "No problem, I've stopped there: nothing was passed on to the team.",
  /**
   * Session 33 (newcomer s32 #3): a goodbye at the email question ("bye", "thanks, bye", "that's all"): the customer
   * leaves; they are told that nothing reached the team. "bye" was read as a name ("Thanks, bye. What email address
   * should we reply to?").
   */
  leftWithoutEmail: "No problem. Without an email address I couldn't pass this on, so nothing was sent to the team. Come back any time if you'd like a reply.",
  /** Session 33 (newcomer s32 #3): thanks or an "ok" at the email question is no try at an address: the question again. */
  emailAfterCourtesy: "What email address should we reply to? If you'd rather not leave one, just say so.",
  /** Session 33: what the customer needs, told at the email question ("my parcel is late"): noted, the email asked again. */
  emailAfterIssue: "Thanks, I've noted that for the team. What email address should we reply to?",
  nobodyFree: `${NOBODY_FREE} ${LEAVE_EMAIL}`,
  /** Session 29 (hostile s28 H11): the email question again after the crisis line (words of self-harm typed there). */
  emailAfterCrisis: "When you're ready, leave your email address here and a colleague will write to you as soon as they can (or say you don't have one).",
  /**
   * Session 30 (newcomer s29 N5): an upset message at the email question while nobody can be reached ("are you even
   * listening? this is a joke"): an acknowledgement and the question again, not "That doesn't look like an email address".
   */
  /**
   * Session 30 (newcomer s29 N4): the issue question again after the crisis line (words of self-harm typed there, out of
   * hours or with nobody online): the message is not taken as the ticket's issue, so the chat does not go on to the
   * ticket's goodbye and close on a customer in crisis.
   */
  issueAfterCrisis: "I'm still here. When you're ready, tell us in a few words what our team should help you with, and we'll pass it on.",
  /** Session 34 (hostile s33 #1): after the takeover's still-closed line, when a person is asked for again out of hours. */
  emailWhileClosed: "Leave your email address and a colleague will reply when they're back (or say you don't have one).",
  /** Session 35 (hostile s34 #16): the issue question after the still-closed line, when a person is asked for there. */
  issueWhileClosed: "Tell us in a few words what our team should help you with, and a colleague will reply when they're back.",
  /**
   * Session 35 (hostile s33 #5): "rather not" at the email question went straight on to the issue question (or opened a
   * cancellation ticket after "we'll confirm by email"), without a word that no reply by email can come.
   */
  noEmailNoted: "No problem. Without an email address our team can't reply to you by email, but I'll still pass this on to them.",
  /** Session 38 (hostile s37 #2): the email declined earlier in the conversation, at a ticket that would ask it. */
  noEmailRemembered: "As you'd rather not leave an email address, our team can't reply to you by email, but I'll still pass this on to them.",
  /** Session 38 (hostile s37 #1): a request for a person with the email declined, while nobody is free (not closed). */
  nobodyFreeNoEmail: NOBODY_FREE,
  emailWhenUpset: "I understand, and I'm sorry. So a colleague can get back to you as soon as they can, what email address should we use? (Or say you don't have one.)",
  /**
   * Session 42 (ticketq, hostile s40 M1): a request for a person with the matter beside it ("can I talk to someone? and
   * why is my parcel NW-250778 late") while nobody can be reached: the matter is the ticket's issue, and the customer is
   * told so before the email question.
   */
  issueNoted: "I've noted your question for the team.",
  /**
   * Session 42 (ticketq, hostile s40 M3): "I'd rather explain it to the person" at the issue question: nobody will join
   * this chat (a ticket is read later), so the team needs a few words to pick it up. Asked once.
   */
  issueForTicket: "No one from our team can join this chat now: they'll pick this up from the ticket, so they need a few words to start with. What should they help you with?",
  /**
   * Session 44 (details3, hostile s44 M2): "I'd rather explain it on the call" at the ticket's email question became the
   * ticket's issue, and no call will come: told so, and the email asked again (no try counted); the issue question follows.
   */
  emailAfterDeferral: "No one from our team can join this chat now: they'll reply by email, and they'll need a few words about it. What email address should we reply to? (If you don't have one, just say so.)",
  /** Session 42 (ticketq, hostile s40 M3): the same, when the customer said what they need earlier: that is passed on. */
  issueFromEarlier: "No problem: I'll pass on what you told me earlier, so the team can pick it up.",
};

/**
 * Whether an answer at the email question tries to give an address, however badly ("kim@example", "kim at example dot
 * com", "gmail.com"): those get the block's own retry ("That doesn't look like an email address"). Session 30.
 */
const EMAIL_ATTEMPT = /@|\bdot\s+(?:com|net|org|co)\b|[\p{L}\p{N}_-]\.(?:com|net|org|co|io|uk|de|fr|es|it|nl|ie|eu|edu|gov|info|me)\b/iu;
export function triesAnEmail(text: string): boolean {
  return EMAIL_ATTEMPT.test(text);
}

/**
 * Session 16 (newcomer s15 N#23): a phone number in an answer to the ticket's questions ("call me on 07700 900123
 * instead, my email is kim@example.com") is kept as customerPhone when none is known (it was dropped), and a wish to be
 * called ("call me", "ring me", "phone me", "give me a call") goes on the ticket's issue with the number. Returns the
 * phone found, or null.
 */
const CALL_ME = /\b(?:call|ring|phone)\s+me\b|\bgive\s+me\s+a\s+(?:call|ring|bell)\b|\bcall\s*back\b|\bprefer\s+a\s+call\b/i;
function keepPhone(run: Run, text: string): string | null {
  const found = entitiesOf(analysedPart(text)).find((e) => e.type === 'phone');
  if (found === undefined) return null;
  if (!isKnown(run.s.variables.customerPhone)) setVar(run, 'customerPhone', found.value);
  if (CALL_ME.test(text) || (run.s.waiting?.kind === 'ticket_question' && run.s.waiting.callAsked === true)) setVar(run, 'callBack', found.value);
  return found.value;
}

/**
 * Session 46 (details5, retest s45 L5): a wish to be called and nothing else ("can someone call me", "call me instead",
 * "could you ring me?", "I'd prefer a call back", "can I get a call back?", "give me a call"), no number in it: the
 * ticket asks for the number (askForCall). A matter beside it ("my parcel is late, please call me") is the issue as before.
 */
const CALL_ONLY = new RegExp(
  "^(?:(?:ok|okay|no|actually|just|please|pls|but|erm|um)[\\s,]+)*(?:" +
    "(?:can|could|would|will)\\s+(?:someone|somebody|you|u|anyone|one of you|the team|a person|a colleague|they)\\s+(?:please\\s+|just\\s+)?(?:call|ring|phone)\\s+me" +
    "|(?:please\\s+|just\\s+)?(?:call|ring|phone)\\s+me" +
    "|(?:i'?d|i\\s+would)\\s+(?:prefer|rather\\s+have|rather\\s+get|like)\\s+a\\s+(?:phone\\s+)?call" +
    "|(?:can|could)\\s+(?:i|we)\\s+(?:get|have)\\s+a\\s+(?:phone\\s+)?call" +
    "|(?:can|could|would|will)\\s+(?:someone|somebody|you|u|anyone|the team|a person)\\s+(?:please\\s+)?give\\s+me\\s+a\\s+(?:call|ring|bell)" +
    "|(?:please\\s+|just\\s+)?give\\s+me\\s+a\\s+(?:call|ring|bell)" +
    ")(?:\\s*-?\\s*back)?(?:\\s+(?:instead|please|pls|back|thanks|rather|then|asap))*[\\s.!?]*$",
  'i',
);
export function asksForACall(text: string): boolean {
  return CALL_ONLY.test(text.trim().replace(/[\u2018\u2019]/g, "'")) && !phoneIn(text);
}
/**
 * Asks for the number to call (the customer wished to be called, `asksForACall`), or, with a phone known, takes it as the
 * number to call. At the email question the email may still be given instead. True when handled (the waiting is set).
 */
function askForCall(run: Run, block: BlockOf<'ticket'>, w: TicketWaiting, lead = ''): boolean {
  const known = run.s.variables.customerPhone;
  if (isKnown(known)) {
    setVar(run, 'callBack', String(known));
    bot(run, `${lead}${ticketPrompts.callKnown(String(known))}`, block.id);
    if (w.field === 'email') run.s.emailDeclined = true;
    const next = continueTicket(run, block, 'issue', true);
    if (next !== null) goTo(run, next);
    return true;
  }
  run.s.waiting = { ...w, callAsked: true };
  bot(run, `${lead}${w.field === 'email' ? ticketPrompts.callNumber : ticketPrompts.callNumberAtIssue}`, block.id);
  return true;
}
/** A question about the bot itself ("are you a bot?", "am I talking to a real person?", "is this automated?"), nothing else. */
const ABOUT_THE_BOT =
  /^(?:(?:so|wait|hang on|sorry|hi|hello|hey|ok|just|and)[\s,]+)*(?:(?:are|r)\s+(?:you|u)\s+(?:an?\s+|even\s+|actually\s+|really\s+)*(?:bot|robot|chatbot|ai|machine|human|real|person|computer|automated)|(?:am\s+i|is\s+this|is\s+it|are\s+we)\s+(?:(?:talking|speaking|chatting|writing)\s+(?:to|with)\s+)?(?:an?\s+)?(?:bot|robot|chatbot|ai|machine|human|real|person|computer|automated|automatic)|(?:is\s+)?(?:this|it)\s+(?:an?\s+)?(?:bot|automated|ai)|(?:am\s+i\s+)?(?:talking|speaking|chatting)\s+(?:to|with)\s+(?:an?\s+)?(?:bot|robot|machine|real\s+person|human))\b(?:\s+(?:person|human|or\s+(?:an?\s+)?(?:bot|robot|machine|real\s+person|person|human|ai)|or\s+not|then|here|reading|lol|haha))*[\s?!.]*$/i;
export function asksAboutTheBot(text: string): boolean {
  return ABOUT_THE_BOT.test(text.trim());
}

/** The text after a ticket opened without an email address, when its text promises an email reply. */
function noEmailText(run: Run): string {
  return renderTemplate(isKnown(run.s.variables.customerPhone) ? ticketPrompts.noEmailPhone : ticketPrompts.noEmail, run.s.variables);
}

/**
 * Session 16 (newcomer s15 N#14): the block's answer to a request for a person that cannot be met now (the takeover just
 * found nobody: noAgentFollowUp.ts), at a question that request does not answer: at the email question it says so and
 * asks again (not "That doesn't look like an email address"); at the issue question only out of hours (`closedLine`,
 * session 35), else false (the issue question's own retry).
 * `after` 'crisis' at the issue question (session 30, newcomer s29 N4): the question again, the message not taken.
 * `after` 'upset' (session 30, newcomer s29 N5): the policy read the customer as upset; an acknowledgement and the
 * question again, unless the message tries to give an address (`text`: then the block's retry says what is wrong).
 */
export function answerNobodyFree(run: Run, block: BlockOf<'ticket'>, w: TicketWaiting, after?: 'crisis' | 'upset' | 'emergency', text = '', closedLine: string | null = null): boolean {
  // Session 44 (details2, retest s43 F2): an emergency said again at the ticket's email question (nobody can come; the
  // engine said the short emergency line) became the ticket's issue ("he's still not responding" in place of "my dad
  // fell and is not responding") with "Thanks, I've noted that for the team". The message that brought the customer here
  // stays the issue (noteReasonGiven; the repeat is in the transcript the team reads), and the email is asked gently.
  // An address beside the words is taken; at the issue question the message is the issue, as before.
  if (after === 'emergency') {
    if (w.field !== 'email' || ticketAnswerFits(run, w, text)) return false;
    noteReasonGiven(run, block.id);
    const known = run.s.variables.handoffReason;
    // The first emergency here (the customer came for something else): it leads the issue, what was said before after it.
    const first = run.s.lastEscalation?.signals.some((x) => x.emergency === true) !== true;
    if (!isKnown(known)) setVar(run, 'handoffReason', text.trim());
    else if (first) setVar(run, 'handoffReason', `${text.trim()} (before that: ${String(known)})`);
    bot(run, ticketPrompts.emailAfterCrisis, block.id);
    return true;
  }
  // Session 30 (newcomer s29 N4): words of self-harm at the issue question are not the ticket's issue (taken, they opened
  // the ticket and the flow went on to "Thanks for your patience. Goodbye!", closing the chat on the customer).
  if (after === 'crisis' && w.field === 'issue') {
    bot(run, ticketPrompts.issueAfterCrisis, block.id);
    return true;
  }
  // Session 46 (details5, retest s45 L5): "can someone call me" (read as a request for a person) at the ticket's questions:
  // the still-closed line, then the number to call is asked (the email was asked again; at the issue question the line
  // and the issue question, with no number asked).
  if (after === undefined && asksForACall(text)) return askForCall(run, block, w, closedLine !== null ? `${closedLine} ` : `${NOBODY_FREE} `);
  // Session 35 (hostile s34 #16): out of hours, a request for a person at the issue question got the issue retry ("Please
  // tell us in a few words ..."): the still-closed line with when the team is back, and the question (no retry counted).
  if (after === undefined && closedLine !== null && w.field === 'issue') {
    bot(run, `${closedLine} ${ticketPrompts.issueWhileClosed}`, block.id);
    return true;
  }
  if (w.field !== 'email') return false;
  if (after === 'crisis' && ticketAnswerFits(run, w, text)) return false; // an address beside the words: taken
  if (after === 'upset' && triesAnEmail(text)) return false;
  // Session 38 (hostile s37 #1): "I don't have one, just a human please" out of hours: the still-closed line, and the
  // ticket goes on without the email (it asked it twice more: "Leave your email address ...", then the retry).
  if (after === undefined && declinesEmailInAnswer(heldAnswer(text))) {
    bot(run, closedLine ?? ticketPrompts.nobodyFreeNoEmail, block.id);
    noEmailNoted(run, block);
    const next = continueTicket(run, block, 'issue', true);
    if (next !== null) goTo(run, next);
    return true;
  }
  // Session 42 (ticketq, hostile s40 M1): the matter said beside the request is the ticket's issue (and its references kept).
  const noted = after === undefined && keepIssueBesideRequest(run, block, text);
  // Session 48 (conv9, hostile s47 M1): the request again and again ("is anyone there?" four times) got "As I said, nobody
  // can join ..." and the email question forever: it counts as a non-answer (nextAside); the third goes on without the email.
  if (after === undefined) {
    const a = nextAside(w, { said: null }, EMAIL_RETRIES);
    if (a.goOn) {
      bot(run, closedLine ?? NOBODY_FREE, block.id);
      goesOnWithoutEmail(run, block);
      const next = continueTicket(run, block, 'issue', true);
      if (next !== null) goTo(run, next);
      return true;
    }
    run.s.waiting = a.w;
  }
  if (after === undefined && closedLine !== null) bot(run, `${closedLine} ${noted ? `${ticketPrompts.issueNoted} ` : ''}${ticketPrompts.emailWhileClosed}`, block.id);
  else if (noted) bot(run, `${NOBODY_FREE} ${ticketPrompts.issueNoted} ${LEAVE_EMAIL}`, block.id);
  else bot(run, after === 'crisis' ? ticketPrompts.emailAfterCrisis : after === 'upset' ? ticketPrompts.emailWhenUpset : ticketPrompts.nobodyFree, block.id);
  return true;
}

/**
 * Session 35 (hostile s34 #4, HIGH): after the escalation target said it can take nobody now (engine.ts keptAtTicket: a
 * request for a person at this question, out of hours), the ticket goes on where it was, so what the customer asked for
 * (a cancellation, an address change) is still what it opens. The message is taken as the answer when it also gives one
 * (an address at the email question; at the issue question anything but a bare request for a person; `text` null: a
 * message held during an HTTP call, which answers no question asked after it); otherwise the question is asked again,
 * no try counted. After the still-closed line ("Our team is still offline ...: they're back on
 * Monday at 8am.") the question says when the reply comes, as at the follow-up (answerNobodyFree).
 */
export function askAfterNobody(run: Run, block: BlockOf<'ticket'>, w: TicketWaiting, said: 'closed' | 'stillClosed' | 'nobody', text: string | null): void {
  run.s.waiting = w;
  // Session 36 (hostile s35 F11): "no email, just get me a person": the email declined is kept (it was asked again).
  if (text !== null && w.field === 'email' && declinesEmailInAnswer(heldAnswer(text))) {
    noEmailNoted(run, block);
    const next = continueTicket(run, block, 'issue', true);
    if (next !== null) goTo(run, next);
    return;
  }
  if (text !== null && (w.field === 'email' ? emailAnswer(heldAnswer(text), ownAddressesOf(run.flow)).ok : !asksForAPersonAgain(text))) {
    return answerTicketQuestion(run, block, w, text);
  }
  const again = said === 'stillClosed';
  // Session 42 (ticketq, hostile s40 M1): the matter said beside the request is kept (the issue when this ticket asks one).
  const noted = w.field === 'email' && text !== null && keepIssueBesideRequest(run, block, text);
  // Session 36 (hostile s35 F10): "get me a human, ana@x.com is my old one": "OK, not that one" (the old one was used).
  if (w.field === 'email' && text !== null && setsAsideEmail(heldAnswer(text))) bot(run, notThatEmail, block.id);
  else if (w.field === 'email') bot(run, `${noted ? `${ticketPrompts.issueNoted} ` : ''}${again ? ticketPrompts.emailWhileClosed : ticketPrompts.email}`, block.id);
  else bot(run, again ? ticketPrompts.issueWhileClosed : ticketPrompts.issue, block.id);
}

/**
 * Session 42 (ticketq, hostile s40 M1): a request for a person at the email question with the matter beside it ("can I
 * talk to someone? and why is my parcel NW-250778 late"), while nobody can be reached: the matter becomes the issue when
 * the ticket asks one and none is known, its references are remembered (the summary's "Reference:"), a phone beside it
 * kept. True when the issue was noted (the caller says so).
 */
function keepIssueBesideRequest(run: Run, block: BlockOf<'ticket'>, text: string): boolean {
  const issue = issueBesideRequest(run, heldAnswer(text));
  if (issue === null) return false;
  return keepDetailsBeside(run, { ...detailsBeside(run, heldAnswer(text)), issue }, block.data.askIssue) !== null;
}

/**
 * Answers at the issue question that are no issue (a bare refusal or "nothing"; session 16, newcomer s15 N#4: a bare
 * acknowledgement, "ok", was the ticket's issue).
 */
const NO_ISSUE = /^(?:no|nope|nah|no thanks|no thank you|nothing|none|n\/a|na|-|\.|not really|no idea|idk|dunno|i don'?t know|ok|okay|k|kk|fine|sure|yes|yeah|yep|thanks|thank you|cheers|ta)[\s.!]*$/i;
/** A hesitation word ("hmm", "umm", "erm", "uh"), for the ticket's readers below (session 46, tidy3: written three times). */
const HESITATION = String.raw`h+m+|u+m+|e+r+m*|u+h+`;
/**
 * Session 45 (ticketq, retest s45 H2): what says nothing of the matter at the issue question. A hold, filler, a bare
 * question mark or a greeting, alone or together ("wait", "what?", "hello?", "??", "hmm", "hang on", "anyone there?").
 */
const ISSUE_FILLER = new RegExp(
  String.raw`^(?:(?:wait|w8|hang on|hold on|one (?:sec|second|moment|min|minute)|just a (?:sec|second|moment|min|minute)|a (?:sec|second|moment)|sec|${HESITATION}|a+h+|o+h+|huh|eh|wh?at|pardon|sorry|excuse me|hel+o+|hi+|hey+|hiya|yo|(?:is )?any ?(?:one|body) (?:there|here)|(?:are )?(?:you|u) (?:still )?there|still there)(?=$|[\s,.!?]))?(?:[\s,.!?]+|$)`,
  'i',
);
/** Session 46 (conv7, retest-conv s46 M1): thanks, praise or an exclamation alone ("Oh great. Thanks.") says no matter. */
function reactionOnly(text: string): boolean {
  return !text.includes('@') && (onlyCourtesy(text) || onlyExclamation(text));
}
function onlyFiller(text: string): boolean {
  let t = text.trim();
  if (t === '') return false;
  if (/^[?!.\s]+$/.test(t)) return true;
  for (let i = 0; i < 8 && t !== ''; i++) {
    const m = ISSUE_FILLER.exec(t);
    if (m === null || m[0] === '') return false;
    t = t.slice(m[0].length);
  }
  return t === '';
}
/** "can you just get me a manager": the asking words before a request for a person (asksForAPersonAgain reads the rest). */
function withoutAsking(text: string): string {
  return text
    .replace(/^\s*(?:(?:can|could|will|would)\s+(?:you|u)\s+(?:please\s+)?)/i, '')
    .replace(/^(?:just\s+)?(?:put|transfer|connect|pass)\s+me\s+(?:through\s+|over\s+|on\s+)?(?:to|with)\s+/i, '');
}
/** "I don't do email", "still no email", "I said I have no email" at the issue question (declinesEmail reads the rest). */
const NO_EMAIL_AT_ISSUE =
  /^(?:(?:still|i said|i told you|like i said|as i said|again|sorry)[\s,]+)*(?:no|i (?:don'?t|do not) (?:have|use|do)|i have no|i haven'?t got|i'?ve no|i'?ve not got)\s+(?:an?\s+)?e-?mails?(?:\s+address)?[\s.!]*$/i;
/** A phone number with nothing of the matter beside it ("07700900123", "my number is ...", "call me on ..."): the number. */
const PHONE_WORDS = new Set("my number is it's its this the mobile mob cell phone tel telephone number no call ring me on at you can reach here please pls".split(' '));
function onlyAPhone(run: Run, text: string): string | null {
  const phoneText = detailsBeside(run, text).phoneText;
  if (phoneText === null) return null;
  const rest = text.replace(phoneText, ' ').toLowerCase().replace(/[^\p{L}\s']/gu, ' ').split(/\s+/).filter(Boolean);
  return rest.every((x) => PHONE_WORDS.has(x)) ? phoneText.trim() : null;
}
/** A complaint that says how the customer feels ("this is ridiculous", "useless"): the policy's sentiment reading. */
function complains(text: string): boolean {
  return sentimentOf(text).score <= -0.3;
}
type IssueNonAnswer =
  | { kind: 'filler' }
  | { kind: 'closed'; line: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'noEmail' }
  | { kind: 'bot' }
  | { kind: 'call' }
  | { kind: 'answered'; said: readonly Block[] };
function issueNonAnswer(run: Run, block: BlockOf<'ticket'>, text: string): IssueNonAnswer | null {
  if (onlyFiller(text) || asksForAMoment(text)) return { kind: 'filler' };
  // Session 46 (details5, retest s45): "are you a bot?", "call me instead" were the ticket's issue.
  if (asksAboutTheBot(text)) return { kind: 'bot' };
  if (asksForACall(text)) return { kind: 'call' };
  if (asksForAPersonAgain(text) || asksForAPersonAgain(withoutAsking(text))) {
    const found = run.s.nobodyFound;
    const target = found === undefined ? undefined : run.c.blocks.get(found.blockId);
    const line = target === undefined ? undefined : behaviourOf(target.kind).stillClosedLine?.(run, target);
    return line === undefined || line === null ? null : { kind: 'closed', line };
  }
  const phone = onlyAPhone(run, text);
  if (phone !== null) return { kind: 'phone', phone };
  // (A bare "no" or "I'd rather not" here refuses the issue, not an email: the retry below, as before.)
  if (!text.includes('@') && /\b(?:e-?mails?|one)\b/i.test(text) && (declinesEmail(text) || NO_EMAIL_AT_ISSUE.test(text.trim().replace(/[’]/g, "'")))) return { kind: 'noEmail' };
  const side = sideQuestionAtEmail(run, block, text);
  if (side !== null && side.said !== null) return { kind: 'answered', said: side.said };
  return null;
}

/**
 * Session 45 (ticketq, retest s45 M2): a hesitation alone ("hmm", "erm", "umm", and "ah"), or before an answer (not "ah":
 * "ah yes, ..." opens an answer as written in session 45). One word list (HESITATION) with ISSUE_FILLER (session 46, tidy3).
 */
const BARE_HESITATION = new RegExp(String.raw`^(?:${HESITATION}|a+h+)[\s.!]*$`, 'i');
const HESITATION_BEFORE = new RegExp(String.raw`^\s*(?:${HESITATION})(?:[\s,.]+|\.{2,}\s*)(?=\S)`, 'i');

/** Invalid emails allowed before the ticket is opened without one. */
const EMAIL_RETRIES = 2;

/** Runs the ticket block from `stage`; returns the next block id, or null when waiting / ended. */
export function continueTicket(run: Run, block: BlockOf<'ticket'>, stage: 'email' | 'issue', lastWasEmail = false): string | null {
  const v = run.s.variables;
  // Session 37 (hostile s35 F11 rest): "no email, just get me a person" out of hours (the takeover closed, its No agent
  // exit to this ticket): the email the customer just declined is not asked ("What email address should we reply to?").
  const said = v.lastMessage;
  if (stage === 'email' && block.data.askEmail && !isKnown(v.customerEmail) && typeof said === 'string' && declinesEmailBeside(heldAnswer(said))) {
    noEmailNoted(run, block);
    stage = 'issue';
  } else if (stage === 'email' && block.data.askEmail && !isKnown(v.customerEmail) && run.s.emailDeclined === true) {
    // Session 38 (hostile s37 #2): declined earlier (lead-gen's "no email", then a queue timeout): not asked again.
    if (block.data.askIssue) noteReasonGiven(run, block.id);
    const asksNext = block.data.askIssue && !isKnown(v.handoffReason);
    if (asksNext || !promisesEmail(run, block)) bot(run, ticketPrompts.noEmailRemembered, block.id);
    stage = 'issue';
  }
  if (stage === 'email' && block.data.askEmail && !isKnown(v.customerEmail)) {
    const w: TicketWaiting = { kind: 'ticket_question', blockId: block.id, field: 'email', retries: 0 };
    // Session 46 (details5, retest s45 L5): the request that led here asked to be called ("can someone call me"): the
    // number is asked (or the one known taken), not the email.
    if (typeof said === 'string' && asksForACall(heldAnswer(said))) {
      askForCall(run, block, w);
      return null;
    }
    // Session 44 (details2, retest s43 F2): after an emergency (the emergency line just said), the email is asked gently.
    bot(run, afterEmergency(run) ? ticketPrompts.emailAfterCrisis : ticketPrompts.email, block.id);
    run.s.waiting = w;
    return null;
  }
  if (block.data.askIssue) noteReasonGiven(run, block.id);
  if (block.data.askIssue && !isKnown(v.handoffReason)) {
    bot(run, ticketPrompts.issue, block.id);
    run.s.waiting = { kind: 'ticket_question', blockId: block.id, field: 'issue', retries: 0 };
    return null;
  }
  createTicket(run, block, lastWasEmail);
  const to = run.c.exitOf(block.id, 'next');
  if (to !== undefined) return to;
  follow(run, block, 'next'); // ends gracefully with the "no next step" message
  return null;
}

/** Whether the decision that brought the customer to this ticket read a person hurt or ill now (an emergency). */
function afterEmergency(run: Run): boolean {
  const e = run.s.lastEscalation;
  return e !== null && e.signals.some((x) => x.emergency === true) && run.s.turn - 1 - Math.max(...e.signals.map((x) => x.turn)) <= 2;
}

/**
 * The ticket number the customer is told and quotes back: "T-" and the first 8 letters/digits of the conversation
 * id, uppercased (e.g. "T-12184D37"); a later ticket in the same conversation adds "-<n>". Readable and stable,
 * derived (the engine has no counter); the store keeps the unique `ticketId` (`<conversation id>:T<n>`).
 */
export function ticketNumber(conversationId: string, seq: number, first: boolean): string {
  const code = conversationId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8).toUpperCase();
  if (!code) return `T-${seq}`;
  return first ? `T-${code}` : `T-${code}-${seq}`;
}

/**
 * `lastWasEmail`: the customer's last message was their answer to the email question, so it is not the issue (an
 * address-change ticket with askIssue off stored "ada@example.com" as its issue, hostile s5 #14); the issue is then
 * the known reason, else the block's label (what the designer named this kind of ticket).
 */
function createTicket(run: Run, block: BlockOf<'ticket'>, lastWasEmail: boolean): void {
  const s = run.s;
  const v = s.variables;
  const first = !isKnown(v.ticketId);
  const ticketId = nextId(run, 'T');
  const number = ticketNumber(s.id, s.seq, first);
  const str = (x: unknown) => (isKnown(x as string) ? String(x) : null);
  const reason = s.handoff?.reason ?? s.lastEscalation?.reason ?? null;
  // Session 37 (hostile s35 F9): the summary reads the signals of the decision that brought the customer here, as the
  // handoff's does (buildHandoffContext): without them the no-agent ticket of an upset customer quoted only the last
  // answer ("Key message: the jacket, order NW-104233"), not what upset them nor what they had said before it.
  const esc = s.lastEscalation;
  const signals = esc !== null && esc.reason === reason ? esc.signals : [];
  const given = str(v.handoffReason) ?? (lastWasEmail ? null : str(v.lastMessage));
  const issue = given ?? withNamedValues(run, block, block.label?.trim() ?? '');
  const callBack = str(v.callBack);
  run.effects.push({
    type: 'create_ticket',
    ticketId,
    number,
    contact: { name: str(v.customerName), email: str(v.customerEmail), phone: str(v.customerPhone) },
    issue: callBack === null ? issue : `${issue}${issue === '' ? '' : ' '}(the customer asked to be called on ${callBack})`,
    // Session 50 (emerg7, hostile s50 H3): a ticket opened in the step an emergency was said (nobody can come: out of hours,
    // at the ticket's own question) is marked urgent, whatever the block's priority.
    priority: emergencySignalIn(run.decision?.signals) || selfHarmSignalIn(run.decision?.signals) ? 'urgent' : block.data.priority,
    summary: summarizeConversation(s, reason, signals),
  });
  setVar(run, 'ticketId', number);
  s.waiting = null;
  // Session 17 (newcomer s17 N#1): with no email known, a text promising an email reply ("We've opened ticket T-... and
  // will reply by email") was said and taken back on the next line ("We don't have an email address for you, so we
  // can't reply by email"): only the second is said.
  bot(run, promisesEmail(run, block) ? noEmailText(run) : renderTemplate(block.data.text, s.variables), block.id);
}

/** Variables a ticket's text names that are the customer's contact or the ticket itself (not what it is about). */
const CONTACT_VARIABLES = new Set(['ticketId', 'customerEmail', 'customerName', 'customerPhone', 'agentName', 'estimatedWait']);
/**
 * Session 19 (newcomer s19 F11): an address-change ticket's ISSUE was "Address change ticket" alone, the new address
 * (the one thing it is about) only in the transcript. When the issue is the block's label, the known values its text
 * names ({{orderNumber}}, {{newAddress}}) follow it: "Address change ticket (orderNumber: NW-230918, newAddress: ...)".
 */
function withNamedValues(run: Run, block: BlockOf<'ticket'>, label: string): string {
  const parts: string[] = [];
  for (const m of block.data.text.matchAll(/\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g)) {
    const name = m[1];
    const value = run.s.variables[name];
    if (CONTACT_VARIABLES.has(name) || !isKnown(value) || parts.some((p) => p.startsWith(`${name}: `))) continue;
    parts.push(`${name}: ${String(value)}`);
  }
  if (parts.length === 0) return label;
  return label === '' ? parts.join(', ') : `${label} (${parts.join(', ')})`;
}

/**
 * No email to give: without a phone either, the customer is told no email reply can come (before the issue question; a
 * ticket opened now whose text promises an email reply says so in its own words: noEmail). Session 35 (hostile s33 #5).
 */
function noEmailNoted(run: Run, block: BlockOf<'ticket'>): void {
  run.s.emailDeclined = true; // session 38: no later question asks it again
  if (block.data.askIssue) noteReasonGiven(run, block.id);
  const asksNext = block.data.askIssue && !isKnown(run.s.variables.handoffReason);
  if (asksNext || !promisesEmail(run, block)) bot(run, ticketPrompts.noEmailNoted, block.id);
}

/** Session 48 (conv9, hostile s47 M1): the email question asked three times without an answer: the ticket goes on without. */
function goesOnWithoutEmail(run: Run, block: BlockOf<'ticket'>): void {
  run.s.emailDeclined = true;
  if (block.data.askIssue) noteReasonGiven(run, block.id);
  bot(run, asideTexts.ticketGoOn, block.id);
}

/** Whether the ticket's text promises an email reply that cannot be sent (no email address known). */
function promisesEmail(run: Run, block: BlockOf<'ticket'>): boolean {
  return !isKnown(run.s.variables.customerEmail) && /\be-?mail\b/i.test(block.data.text);
}

/**
 * Whether `text` answers the ticket's question: an email address for the email question; anything for "what should
 * our team help you with?" (the customer's own words are the issue) but a bare request for a person.
 */
/**
 * Session 35 (hostile s34 #5): a refusal of a person ("wait, no, I don't want a person") at the questions of the ticket a
 * request for a person just led to (the takeover found nobody: noAgentFollowUp.ts) withdraws that request, as "cancel
 * that" does; it was stored as the ticket's issue. At another ticket (a cancellation's) it withdraws nothing.
 */
function withdrawsRequest(run: Run, w: TicketWaiting, text: string): boolean {
  const found = run.s.nobodyFound;
  return found !== undefined && refusesAPerson(text) && inNoAgentFollowUp(run, found.blockId, w.blockId);
}

/**
 * Session 36 (hostile s35 F15): out of hours, "get me a person" at the cancellation ticket's email question is told the
 * team is offline and the ticket goes on (askAfterNobody); "no human please" next got "That doesn't look like an email
 * address". A refusal of a person (no address beside it) at the questions of a ticket that is not the follow-up, while
 * nobody was just found, is acknowledged and the question asked again (no try counted): the ticket itself stands.
 */
function refusesAfterNobody(run: Run, w: TicketWaiting, text: string): boolean {
  const found = run.s.nobodyFound;
  return found !== undefined && !text.includes('@') && refusesAPerson(text) && !inNoAgentFollowUp(run, found.blockId, w.blockId);
}

export function ticketAnswerFits(run: Run, w: TicketWaiting, typed: string): boolean {
  if (withdrawsRequest(run, w, heldAnswer(typed)) || refusesAfterNobody(run, w, heldAnswer(typed))) return true;
  // Session 35 (hostile s34 #16): a bare request for a person ("just get me a person") is no issue: the engine's reply to
  // it (the still-closed line out of hours: answerNobodyFree), not the issue question's retry.
  if (w.field !== 'email') return !asksForAPersonAgain(typed);
  if (backsOut(typed, false) || asksWhyEmail(typed) || asksForAMoment(typed)) return true;
  const text = heldAnswer(typed);
  if (emailRefusedThen(text) === 'goodbye') return true; // session 38: "not now thanks, bye" (as "bye")
  if (text !== typed && (backsOut(text, false) || asksWhyEmail(text))) return true;
  const r = emailAnswer(text, ownAddressesOf(run.flow));
  // Session 16: "I don't have an email" (N#15) and a phone number instead (N#23) answer it too.
  // Session 36 (hostile s35 F4): so does an address set aside ("a@x.com no longer works": "OK, not that one").
  return r.ok || setsAsideEmail(text) || r.choices !== undefined || declinesEmail(text) || (!text.includes('@') && (phoneIn(text) || onlyCourtesy(text) || closesChat(text)));
}

/** Whether `typed` at the email question gives an address or sets one aside (see answerGivesValue). */
export function ticketAnswerGivesAddress(run: Run, w: TicketWaiting, typed: string): boolean {
  if (w.field !== 'email') return false;
  const text = heldAnswer(typed);
  return emailAnswer(text, ownAddressesOf(run.flow)).ok || setsAsideEmail(text);
}

const phoneIn = (text: string): boolean => entitiesOf(analysedPart(text)).some((e) => e.type === 'phone');

/**
 * The issue told at the email question, while the ticket still lacks one: a statement of three words or more that is
 * no try at an address ("kim at example"), says nothing of the email ("my email is broken at the moment", "not an
 * email") and asks nothing (a question there keeps getting the email line, session 32).
 */
const ABOUT_EMAIL = /\b(?:e-?mail|mail|address|inbox)\b|^\S+\s+at\s+\S+(?:\s+\S+)?$/i;
function issueFirst(run: Run, block: BlockOf<'ticket'>, text: string): string | null {
  if (!block.data.askIssue || isKnown(run.s.variables.handoffReason) || triesAnEmail(text) || ABOUT_EMAIL.test(text.trim()) || text.includes('?')) return null;
  if (asksForAPersonAgain(text) || setsAsideEmail(text)) return null;
  return problemFromNameAnswer(text);
}

/**
 * When `text` corrects the email (detailsAnswer.ts emailCorrection): the address is replaced and said back ("Thanks, I'll
 * use ..."); with nothing else said, `askAgain` (the question the customer was at) is asked again ('asked'); with the
 * matter beside it (session 42, hostile s40 M10: "wait no, it's bob@example.org, and I need a refund for NW-250778"),
 * that is the reason (handoffReason) and its references are remembered ('kept': the caller goes on). Null: no correction.
 * Read by the ticket's issue question and the takeover's reason question.
 */
export function takesCorrectedEmail(run: Run, blockId: string, text: string, askAgain: string): 'asked' | 'kept' | null {
  const fix = emailCorrection(run, text);
  if (fix === null) return null;
  setVar(run, 'customerEmail', fix.email);
  bot(run, addressTaken(fix.email), blockId);
  if (fix.issue === null) {
    bot(run, askAgain, blockId);
    return 'asked';
  }
  const beside = detailsBeside(run, text);
  keepDetailsBeside(run, { ...beside, issue: fix.issue }, false);
  setVar(run, 'handoffReason', fix.issue);
  return 'kept';
}

/** Session 19 (newcomer s19 F2): what the customer said when they were handed over is the issue; not asked again. */
function noteReasonGiven(run: Run, blockId: string): void {
  if (isKnown(run.s.variables.handoffReason)) return;
  // Session 49 (lead, newcomer s49 N1): a ticket the flow reached after its own questions ("What's wrong with it?") takes
  // the customer's choices and answers on the way, as a takeover the flow reached does (reasonFromWay).
  const given = reasonAlreadyGiven(run, false) ?? (run.s.lastEscalation === null ? reasonFromWay(run, blockId) : null);
  if (given !== null) setVar(run, 'handoffReason', given);
}

/** Whether `text` is an email address and a goodbye ("bye, kim@x.org"): without its addresses, it closes the chat. */
function leavesWithAddress(text: string): boolean {
  const rest = text.replace(/(?<!\S)\S[^\s@]*@\S+/g, ' ').trim();
  return rest !== '' && closesChat(rest);
}

/** No ticket: the customer withdrew at its questions (`line` says so); the flow goes on by the block's next exit. */
function withdraw(run: Run, block: BlockOf<'ticket'>, line: string): void {
  run.s.waiting = null;
  if (isKnown(run.s.variables.handoffReason)) setVar(run, 'handoffReason', run.c.defaults.handoffReason ?? null);
  bot(run, line, block.id);
  goOn(run, block);
}

/** The flow goes on by the ticket's next exit (or ends gracefully with the "no next step" message). */
function goOn(run: Run, block: BlockOf<'ticket'>): void {
  const to = run.c.exitOf(block.id, 'next');
  if (to !== undefined) goTo(run, to);
  else follow(run, block, 'next');
}

/** The customer answered one of the ticket's questions (already recorded in the transcript). */
export function answerTicketQuestion(run: Run, block: BlockOf<'ticket'>, w: TicketWaiting, typed: string): void {
  // Session 34 (hostile s34): a hold with nothing else is a moment; a hold before an answer is that answer.
  if (w.field === 'email' && asksForAMoment(typed)) return void bot(run, momentEmailTexts.ticket, block.id);
  // Session 45 (details4, retest s44 L6): an address spelled out in words ("dana at acme dot example"), read as typed, said back.
  const spelled = w.field === 'email' ? (emailAnswer(heldAnswer(typed), ownAddressesOf(run.flow)).spelled ?? null) : null;
  // Session 45 (ticketq, retest s45 M2): a hesitation before the answer ("hmm no email", "erm I'd rather not") is dropped.
  const text = spelled ?? (w.field === 'email' ? heldAnswer(typed).replace(HESITATION_BEFORE, '') : typed);
  // Session 19 (newcomer s19 F23, hostile s19 #11): "never mind" / "stop" / "Oops" withdraws: no ticket, the flow
  // goes on as after it (not "Thanks, never mind." nor the email retry in a loop). A bare "cancel" is not this here.
  if (backsOut(text, false) || withdrawsRequest(run, w, heldAnswer(text))) return withdraw(run, block, ticketPrompts.backedOut);
  if (refusesAfterNobody(run, w, heldAnswer(text))) {
    bot(run, REFUSED_PERSON, block.id);
    return void bot(run, w.field === 'email' ? ticketPrompts.email : ticketPrompts.issue, block.id);
  }
  const then = w.field === 'email' ? emailRefusedThen(text) : null;
  let fixed: 'asked' | 'kept' | null;
  let atIssue: IssueNonAnswer | null;
  if (w.field === 'email' && !text.includes('@')) {
    // Session 33 (newcomer s32 #3): a goodbye leaves without a ticket; thanks or an "ok" asks again (not a try, no name).
    // Session 38 (hostile s37 #1): so does the email put off with a goodbye ("not now thanks, bye": it was the issue).
    if (closesChat(text) || then === 'goodbye') return withdraw(run, block, ticketPrompts.leftWithoutEmail);
    if (onlyCourtesy(text) && !declinesEmail(text)) return void bot(run, ticketPrompts.emailAfterCourtesy, block.id);
    // Session 45 (ticketq, retest s45 M2): a bare "hmm" was read as unsure, so as no email: it is no answer yet.
    if (BARE_HESITATION.test(text)) return void bot(run, ticketPrompts.emailAfterCourtesy, block.id);
  }
  if (w.field === 'email' && asksWhyEmail(text)) {
    // Session 48 (conv9, hostile s47 M1): asked again and again, it counts as a non-answer (nextAside): said once, then
    // in other words, then the ticket goes on without the email.
    const a = nextAside(w, { said: null }, EMAIL_RETRIES);
    if (!a.goOn) {
      run.s.waiting = a.w;
      bot(run, a.again ? asideTexts.ticketAgainAnswered : whyEmailTexts.ticket, block.id);
      return;
    }
    goesOnWithoutEmail(run, block);
    const next = continueTicket(run, block, 'issue', true);
    if (next !== null) goTo(run, next);
    return;
  }
  // Session 46 (details5, retest s45 L5): "call me instead" at the email question: the number is asked (or the one known
  // taken), the email no longer needed.
  if (w.field === 'email' && asksForACall(text)) return void askForCall(run, block, w);
  const picked = w.field === 'email' ? pickAfterWhichEmail(run, block.id, text) : null;
  if (picked !== null) {
    // Session 44 (details3, hostile s44 M4): "the second one" at "Which one should we reply to: A or B?" was the issue;
    // the address is taken, and what the message with the addresses said beside them kept (the issue, references).
    setVar(run, 'customerEmail', picked.email);
    bot(run, addressTaken(picked.email), block.id);
    keepDetailsBeside(run, detailsBeside(run, picked.earlier), block.data.askIssue);
  } else if (w.field === 'email') {
    const r = emailAnswer(text, ownAddressesOf(run.flow));
    const phoneBefore = run.s.variables.customerPhone;
    const phone = keepPhone(run, text);
    let issue: string | null = null;
    let side: SideQuestion | null = null;
    if (r.ok) {
      setVar(run, 'customerEmail', r.value);
      // Session 34 (hostile s33 #5): an address given with a goodbye ("bye, kim@x.org", "kim@x.org thanks bye"): the
      // customer is leaving, so the ticket is opened now with what is known (the issue question waited for someone
      // who had gone, and no ticket was made).
      if (leavesWithAddress(text)) {
        noteReasonGiven(run, block.id);
        createTicket(run, block, true);
        return goOn(run, block);
      }
      // Session 35 (newcomer s32 #7): a change or pick of address ("actually use my work one: x@y.com") is said back.
      if (picksAnAddress(text) || spelled !== null) bot(run, addressTaken(String(r.value)), block.id);
      // Session 42 (ticketq, hostile s40 L9, M1): what the customer said beside the address ("bob@x.com, my parcel
      // NW-250778 never came") is kept: the matter as the issue (not asked again), its references, a phone.
      // Session 45 (details4, retest s44 M4): and the name beside the address, as the takeover's email question keeps it.
      keepBesideAddress(run, text, block.data.askIssue);
    } else if (then === 'person') {
      // Session 38 (hostile s37 #1): "I'd rather not, just connect me" where the policy read no request for a person (no
      // person named): right after the takeover found nobody, the customer is told so; the ticket goes on without email.
      const found = run.s.nobodyFound;
      const target = found === undefined ? undefined : run.c.blocks.get(found.blockId);
      if (target !== undefined) bot(run, behaviourOf(target.kind).stillClosedLine?.(run, target) ?? ticketPrompts.nobodyFreeNoEmail, block.id);
      noEmailNoted(run, block);
    } else if (phone !== null && !text.includes('@') && !declinesEmail(text) && !unsureOfEmail(text) && !callsBack(run.flow) && phoneBefore !== phone && w.callAsked !== true) {
      // Session 44 (details2, retest s43 F6): a phone number instead of the email, at a flow whose team replies by email
      // (no block stores customerPhone: Northwind), was taken as no email without a word; the takeover's email question
      // asks again (session 42, hostile s41 L2). One rule for both: the number is kept and said back, and the email asked
      // once more (no try counted); the same number again, or "no email", opens the ticket with the phone. A flow that
      // calls back (Harbor Mutual) takes the number for the email, as its takeover does.
      bot(run, phoneAtEmailTexts.ticket(detailsBeside(run, text).phoneText ?? phone), block.id);
      return;
    } else if (declinesEmail(text) || unsureOfEmail(text) || (phone !== null && !text.includes('@'))) {
      // Session 16: no email to give (N#15), or a phone number instead (N#23): the ticket goes on without an email.
      // Without a phone either: noEmailNoted.
      // Session 46 (details6, hostile s46 M3): an order or policy number beside it ("no email, my order is 104233") is
      // remembered, so the ticket's summary names it as a reference (it was only quoted, in no variable).
      const references = detailsBeside(run, text).references;
      if (references.length > 0) rememberEntities(run, references);
      if (phone === null && isKnown(phoneBefore)) run.s.emailDeclined = true; // "no" after the number (F6): the phone is the contact
      else if (phone === null) noEmailNoted(run, block);
    } else if (r.choices !== undefined) {
      // Two addresses, neither negated nor someone else's: ask which (not a failed try).
      bot(run, ticketPrompts.whichEmail(r.choices), block.id);
      return;
    } else if (!isKnown(run.s.variables.customerName) && !/[@\d]/.test(text) && nameFromAnswer(text.trim()) !== null) {
      // Session 18 (newcomer s16 N#3): "Kim Lee" at the ticket's email question was refused as an email and lost: the
      // name is kept (the inbox titles the ticket by it) and the email asked again, not counted as a wrong email (as the
      // takeover's and the Question block's email questions do).
      const name = nameFromAnswer(text.trim()) as string;
      setVar(run, 'customerName', name);
      bot(run, `Thanks, ${name}. ${ticketPrompts.email}`, block.id);
      return;
    } else if ((side = sideQuestionAtEmail(run, block, text)) !== null && side.said !== null) {
      // Session 39 (hostile s38 M4): a question the flow answers with messages alone ("when are you open again?") was a
      // wrong address: answered, and the email asked again (no try counted).
      // Session 48 (conv9, hostile s47 M1): a second non-answer asks in other words (the answer just given not said
      // again), a third goes on without the email (nextAside).
      const a = nextAside(w, side, EMAIL_RETRIES);
      if (!a.goOn) {
        sayAnswerOnce(run, side.said, a.repeat, block.id);
        run.s.waiting = a.w;
        bot(run, a.again ? asideTexts.ticketAgainAnswered : ticketPrompts.email, block.id);
        return;
      }
      if (!a.repeat) sayAnswer(run, side.said);
      goesOnWithoutEmail(run, block);
    } else if (!text.includes('@') && keepsReasonForPerson(text)) {
      // Session 44 (details3, hostile s44 M2): a deferral to a person ("I'd rather explain it on the call") is no issue.
      bot(run, ticketPrompts.emailAfterDeferral, block.id);
      return;
    } else if ((issue = issueFirst(run, block, text)) !== null) {
      // Session 33: "my parcel is late" at "What email address should we reply to?" got "That doesn't look like an email
      // address": it is what the team should help with (the ticket's next question), noted, not a failed try (as the
      // takeover's name question does: nameRetryNoted).
      setVar(run, 'handoffReason', issue);
      bot(run, ticketPrompts.emailAfterIssue, block.id);
      return;
    } else if (side !== null) {
      // Session 39 (hostile s38 M4): any other question is told who can answer it and what the email is for.
      // Session 44 (details3, hostile s44 M1): and it is kept as the issue ("do you ship to Norway? my order is
      // NW-250778": the customer was asked "What should our team help you with?" after the email and had to repeat it).
      const beside = detailsBeside(run, text);
      keepDetailsBeside(run, { ...beside, issue: beside.issue ?? text.trim() }, block.data.askIssue);
      // Session 48 (conv9, hostile s47 M1): as above, the second in other words, the third goes on without the email.
      const a = nextAside(w, side, EMAIL_RETRIES);
      if (!a.goOn) {
        run.s.waiting = a.w;
        bot(run, a.again ? asideTexts.ticketAgain : unansweredAtEmail.ticket, block.id);
        return;
      }
      goesOnWithoutEmail(run, block);
    } else if (w.retries + (w.asides ?? 0) + 1 <= EMAIL_RETRIES) {
      run.s.waiting = { ...w, retries: w.retries + 1 };
      bot(run, setsAsideEmail(text) ? notThatEmail : ticketPrompts.emailRetry, block.id);
      return;
    }
  } else if ((fixed = takesCorrectedEmail(run, block.id, text, ticketPrompts.issue)) !== null) {
    // Session 38 (hostile s38 H5, high): "sorry, wrong email, it is bob2@example.com" at the issue question became the
    // issue and the ticket went to the old address: the address is replaced, said back, and the issue asked again.
    // Session 42 (ticketq, hostile s40 M10): with the matter beside it, that is the issue ('kept'): the ticket goes on.
    if (fixed === 'asked') return;
  } else if (keepsReasonForPerson(text)) {
    // Session 42 (ticketq, hostile s40 M3): "I'd rather explain it to the person" became the whole ticket; nobody will
    // talk to them. What they said earlier is passed on; else they are told the team needs a few words, once; then the
    // ticket opens with what is known (its label), not with the refusal.
    const earlier = earlierStatement(run);
    if (earlier !== null) {
      setVar(run, 'handoffReason', earlier);
      bot(run, ticketPrompts.issueFromEarlier, block.id);
    } else if (w.retries === 0) {
      run.s.waiting = { ...w, retries: 1 };
      bot(run, ticketPrompts.issueForTicket, block.id);
      return;
    } else {
      createTicket(run, block, true);
      return goOn(run, block);
    }
  } else if ((atIssue = issueNonAnswer(run, block, text)) !== null) {
    // Session 45 (ticketq, retest s45 H2): answers that say nothing of the matter were the ticket's issue, and the chat
    // ended: a hold or filler (asked again kindly, once, as "no" is), a request for a person while the team is closed (the
    // still-closed line), a phone number (the contact), "I don't have an email", a question the flow answers.
    if (atIssue.kind === 'filler') {
      if (w.retries === 0) {
        run.s.waiting = { ...w, retries: 1 };
        return void bot(run, ticketPrompts.issueAgain, block.id);
      }
      createTicket(run, block, true);
      return goOn(run, block);
    }
    if (atIssue.kind === 'closed') return void bot(run, `${atIssue.line} ${ticketPrompts.issueWhileClosed}`, block.id);
    if (atIssue.kind === 'phone') {
      keepPhone(run, text);
      return void bot(run, ticketPrompts.issueAfterPhone(atIssue.phone), block.id);
    }
    if (atIssue.kind === 'noEmail') return void bot(run, ticketPrompts.issueNoEmail, block.id);
    if (atIssue.kind === 'bot') return void bot(run, `${ticketPrompts.issueBotQuestion} ${ticketPrompts.issue}`, block.id);
    if (atIssue.kind === 'call') {
      askForCall(run, block, w);
      return;
    }
    sayAnswer(run, atIssue.said);
    return void bot(run, ticketPrompts.issue, block.id);
  } else if (NO_ISSUE.test(text.trim()) || reactionOnly(text) || asksForAPersonAgain(text) || asksForAPersonAgain(withoutAsking(text)) || isUnsureReply(normalizeText(text))) {
    // Session 46 (conv7, retest-conv s46 M1): a reaction ("Oh great. Thanks.", "Wow, brilliant.") after the call-back
    // number was the ticket's issue, and the chat closed: it is no issue either (asked again once, as "ok" is).
    // Session 24 (hostile s17 #25): "I'm not sure", "erm not really sure" are no issue either (they were kept as it).
    // Session 16 (hostile s16 H#20): "I want a human" is no issue either (it became the ticket's issue, every time).
    // Not an issue: asked again once, then the ticket is opened with the known reason or the block's label.
    if (w.retries === 0) {
      run.s.waiting = { ...w, retries: 1 };
      bot(run, ticketPrompts.issueRetry, block.id);
      return;
    }
    createTicket(run, block, true);
    return goOn(run, block);
  } else {
    // Session 45 (ticketq, retest s45 H2): a complaint ("this is ridiculous") is the issue, after an apology (unless one
    // was said this turn); a phone number beside the matter is kept as the contact.
    // Session 46 (conv6, retest-conv s45 L4): and not when this apology was said before in the conversation (a customer
    // back after a closed ticket with "same problem as before" got "I'm sorry about this." at every ticket, word for word).
    if (
      complains(text) &&
      !run.messages.some((m) => m.from === 'bot' && /\bsorry\b/i.test(m.text)) &&
      !run.s.recentTranscript.some((e) => e.from === 'bot' && e.text === ticketPrompts.issueUpset)
    )
      bot(run, ticketPrompts.issueUpset, block.id);
    keepPhone(run, text);
    setVar(run, 'handoffReason', text.trim());
  }
  const next = continueTicket(run, block, 'issue', w.field === 'email');
  if (next !== null) goTo(run, next);
}
