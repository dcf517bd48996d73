/**
 * Session 20 (hostile s19 #21): a correction of an address the bot has just read back, given in part ("yes, flat 2",
 * "yes, except it is 14 High Street", "yes but the postcode is LS2 5CD", "no, the house number is 14"). The part
 * replaces its like in the address read back, or is added to it (a flat), instead of the flat being dropped (the yes
 * was taken) or the street alone becoming the whole address (town and postcode lost).
 */
const STREET_WORDS =
  'street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|place|pl|crescent|cres|court|ct|terrace|gardens|gdns|grove|square|sq|row|hill|park|walk|mews|boulevard|blvd|parade|green|rise|view|gate|vale|quay|wharf|yard';
/** A house number and street ("14 High Street", "14a Mill Lane"). */
const NUMBER_AND_STREET = new RegExp(`\\b\\d+[a-z]?\\s+(?:[A-Za-z'’-]+\\s+){0,3}(?:${STREET_WORDS})\\b\\.?`, 'i');
/** A flat or unit ("flat 2", "apartment 3b", "unit 5"). */
const UNIT = /\b(flat|apartment|apt|unit|suite)\.?\s*(?:no\.?\s*|number\s+|#\s*)?(\d+[a-z]?)\b/i;
const POSTCODE = /\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b/i;
/** "the house number is 14", "house no. 14", "it's number 14". */
const HOUSE_NUMBER = /\b(?:house\s+(?:number|no\.?)|door\s+number|(?:it'?s|it\s+is)\s+number)\s*(?:is\s+|should\s+be\s+|=\s*)?(\d+[a-z]?)\b/i;

/** The address `shown` with the parts `text` gives in its place, or null when `text` holds no part of an address. */
export function correctedAddress(shown: string, text: string): string | null {
  let out = shown;
  let changed = false;
  const street = NUMBER_AND_STREET.exec(text);
  if (street !== null) {
    const old = NUMBER_AND_STREET.exec(out);
    if (old === null) return null;
    out = out.slice(0, old.index) + street[0].trim() + out.slice(old.index + old[0].length);
    changed = true;
  } else {
    const house = HOUSE_NUMBER.exec(text);
    const old = /\b\d+[a-z]?(?=\s+(?:[A-Za-z'’-]+\s+){0,3}(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|place|pl|crescent|court|terrace|gardens|grove|square|row|hill|park|walk|mews|parade|green|rise|view|gate)\b)/i.exec(out);
    if (house !== null && old !== null) {
      out = out.slice(0, old.index) + house[1] + out.slice(old.index + old[0].length);
      changed = true;
    }
  }
  const postcode = POSTCODE.exec(text);
  if (postcode !== null) {
    const old = POSTCODE.exec(out);
    out = old !== null ? out.slice(0, old.index) + postcode[0].toUpperCase() + out.slice(old.index + old[0].length) : `${out} ${postcode[0].toUpperCase()}`;
    changed = true;
  }
  const unit = UNIT.exec(text);
  if (unit !== null) {
    const label = unit[1][0].toUpperCase() + unit[1].slice(1).toLowerCase();
    const old = UNIT.exec(out);
    out = old !== null ? out.slice(0, old.index) + `${label} ${unit[2]}` + out.slice(old.index + old[0].length) : `${label} ${unit[2]}, ${out}`;
    changed = true;
  }
  return changed && out !== shown ? out : null;
}

/** Whether `text` gives a part of an address (a house number and street, a flat, a postcode, "the house number is 14"). */
export function givesAnAddressPart(text: string): boolean {
  return NUMBER_AND_STREET.test(text) || UNIT.test(text) || POSTCODE.test(text) || HOUSE_NUMBER.test(text);
}

/** A yes or no before the address ("no, 5 Park Lane, Bristol BS1 5TR"): the address is what follows it. */
const YES_NO_LEAD = /^\s*(?:no|nope|nah|yes|yeah|yep|ok|okay)\b[\s,.:;!-]*/i;
export function withoutYesOrNo(text: string): string {
  return text.replace(YES_NO_LEAD, '');
}
