/**
 * Session 16 floors (escconv) for the conversation-level reasons where session 16's rules moved them: an off-topic
 * request said again hands over as repeated fallbacks at once (not waited on as a loop), and an acknowledgement after an
 * off-topic opener no longer closes the misses. Measured 11:10-11:25 UTC by escrfEval on 60eafcd + escconv's s16 files and
 * on 07bbf10 (fixnlu's matcher) + them; each floor is the lower of the two (60eafcd alone: w27 odd RF 35/48, even 37/52;
 * w29 odd 35/50, even 36/50; w21 odd RF 39/43, even loop 50/55 (49 at 07bbf10); w33 even RF 36/52; loop, low confidence
 * and ordinary unchanged). A drop is a regression to look at; the ordinary count is a ceiling.
 * Session 25 (loopfb): lowered where a second unusable message that the learned same-request model links to the first
 * (detectLoop.failedAskingAgainByModel) now waits one message for a third asking: w27-even RF 41 -> 40 (w27-260, w27-488, held out, not read: no handoff now); w29-odd RF 37 -> 35 (w29-151 "do you have the long hand old pruners" / "long handle lopers for the apple tree" / "lopers", and w29-205, a Portuguese question sent in three fragments: now named loop, the handoff at the same message); w29-even RF 39 -> 37 (w29-206, w29-224, held out, not read: named loop); w33-even RF 37 -> 36 (w33-016, held out, not read: handed over as an explicit request). All labelled corpora, this change:
 * won 34, lost 18 (odd 15/6, even 19/12), false escalations 665 -> 658 (w1-w40, blind sets, labelled, heldout).
 * Session 25 (loopfb), second change: w29-odd RF 35 -> 34 (w29-175, "Do you sell tea glasses armudu" / "armudu stakan" /
 * "tea glass": the third goes back to the first's subject, so the same handoff is named a loop, detectLoop
 * backToEarlierSubject); w29-even RF 37 -> 36 (w29-132, held out, not read: named loop). That change: won 11, lost 2
 * (odd 5/1, even 6/1), false escalations unchanged.
 * Session 27 (fallback): w27-odd RF 36 -> 35 (w27-393, "You sell tuk tuk parts" / "for tuk tuk, the motor": "you" and a
 * verb of the shop's business first now read as a question, and "parts" names a product's attribute, so the first is a
 * clear shop question that counts nothing; shopTopics.asksSomething). That change: won 24, lost 3 (odd 11/2, even
 * 13/1), ordinary conversations handed over 576 -> 553.
 * Session 27 (fallback): the in-domain model retrained on every odd id of w1-w43 (was w1-w21): every labelled corpus won 41, lost 11 (odd 26/3, held-out even 15/8), ordinary handed over 547 -> 542. w21-odd RF 40 -> 39 (w21-495: "what day is it?" matched shipping_info and now scores 0.14 in-domain, over
 * the 0.05 cut, so the router's match is believed and the streak starts one message later).
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

const FLOORS: Record<string, ConversationFloor> = {
  'w27-odd': { loop: 53, repeated_fallback: 35, low_confidence: 15, ordinaryAsConversationReason: 2, of: { loop: 66, repeated_fallback: 48, low_confidence: 16, none: 120 } },
  'w27-even': { loop: 50, repeated_fallback: 40, low_confidence: 10, ordinaryAsConversationReason: 6, of: { loop: 64, repeated_fallback: 52, low_confidence: 14, none: 120 } },
  'w29-odd': { loop: 51, repeated_fallback: 34, low_confidence: 12, ordinaryAsConversationReason: 12, of: { loop: 65, repeated_fallback: 50, low_confidence: 15, none: 120 } },
  'w29-even': { loop: 52, repeated_fallback: 36, low_confidence: 9, ordinaryAsConversationReason: 8, of: { loop: 65, repeated_fallback: 50, low_confidence: 15, none: 120 } },
  'w21-odd': { loop: 46, repeated_fallback: 39, low_confidence: 15, ordinaryAsConversationReason: 3, of: { loop: 55, repeated_fallback: 43, low_confidence: 15, none: 137 } },
  // Session 29 (rffe): w21-even RF 44 -> 43 (w21-170, held out, not read): asking whether the shop has a thing is read by its shape when the in-domain score reads it as the shop's (shopTopics.asksWhetherShopHasIt); every labelled corpus won 21, lost 4 (odd 9/0, even 12/4), ordinary handed over 534 -> 513.
  // Session 31 (rffe): a fallback streak whose messages all read as about the shop (in-domain score >= 0.9) hands over no more (detectRepeatedFallback.IN_SHOP_STREAK); every labelled corpus won 91, lost 10 (odd 43/0, even 48/10), ordinary handed over 518 -> 449. w21-even RF 43 -> 41 (w21-300, w21-472, held out, not read).
  // Session 50 (conv12, changed on purpose): w21-even RF 41 -> 40: w21-058 ends inside the address question's Retries (2),
  // which now come before a repeated-fallback handover (TurnFacts.retriesLeft); the next miss there would hand over.
  'w21-even': { loop: 50, repeated_fallback: 40, low_confidence: 15, ordinaryAsConversationReason: 4, of: { loop: 55, repeated_fallback: 47, low_confidence: 15, none: 133 } },
  // Session 26 (shopfb): RF 36 -> 35, w33-380 (held out, not read): no handoff now (a follow-up in a shop chat that the in-domain
  // score reads as the shop's counts nothing; docs/escalation.md "Session 26 (shopfb)").
// Session 27 (loops): RF 35 -> 34: w33-078 (held out, not read) is now named a loop (a restated asking, detectLoop.restatedRun / restatementOpener); the handoff stays.
  'w33-even': { loop: 54, repeated_fallback: 34, low_confidence: 12, ordinaryAsConversationReason: 17, of: { loop: 64, repeated_fallback: 52, low_confidence: 20, none: 114 } },
};

describeConversationReasonFloors('session 16: an off-topic request said again is repeated fallbacks; loop, repeated fallback and low confidence hold', FLOORS);
