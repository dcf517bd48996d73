/**
 * Session 46 (tidy3, review of s45): the people a customer tells about when someone is in danger or hurt, one list for
 * hazardNow (who is still in the place of a fire: PERSON) and detectUrgency (who is hurt or ill now: MEDICAL_PERSON, and
 * SWALLOW_PERSON from it). They were two lists sharing these words. What each adds on its own really differs, and stays
 * with it:
 *  - hazardNow: the household that may be inside a home (pets, flatmates, the wider family, "people", plural children);
 *  - detectUrgency: strangers one may be helping (a man, a passenger, a customer, a colleague).
 */
export const PEOPLE_IN_DANGER: readonly string[] = [
  'he', 'she', 'hes', 'shes', 'they', 'theyre', 'mum', 'mom', 'mother', 'dad', 'father', 'son', 'daughter', 'wife', 'husband', 'partner',
  'someone', 'somebody', 'child', 'baby', 'kid', 'friend', 'grandma', 'grandad', 'grandpa', 'granny', 'nan', 'boy', 'girl', 'brother',
  'sister', 'toddler',
];
