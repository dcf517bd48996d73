/**
 * English function words that carry no intent on their own ("is", "my", "the"). Used to down-weight or
 * drop tokens in intent matching and similarity. Deliberately excludes words that change meaning in
 * customer service: negations ("not", "no", "never"), question words that pick intents ("where", "when",
 * "how"), greetings and yes/ok/thanks (whole intents are made of them).
 */
export const stopWords: ReadonlySet<string> = new Set(
  ('a an the and or but if then so of to in on at by for with from about as into over after before up down out off ' +
    'i me my mine myself we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'this that these those there here is am are was were be been being do does did have has had having ' +
    'will would shall should can could may might must just also too very really please pls ' +
    'some any all am im its what which who whom whose one get got ' +
    'like want need would could id ill ive dont').split(' '),
);

export function isStopWord(token: string): boolean {
  return stopWords.has(token);
}
