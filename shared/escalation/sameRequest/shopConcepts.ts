/**
 * Session 29 (loops, issue 11): the shop topic a question is about, as a small class of words a shop's customers use for
 * one thing, so that two askings of one request that share no word are seen to be about the same thing ("Gift wrap
 * possible?" / "can you pack it like a present": gift; "are the sofa legs removable?" / "can you take the feet off the
 * couch" / "do they unscrew": parts and assembly; "what is the width" / "how many cm is it": dimensions).
 *
 * The classes are families of everyday shop vocabulary (not sentences of any corpus): each word may be in several classes
 * ("trade" is a discount and an exchange, "size" is the fit of clothes and a dimension). A text's classes are a bit set
 * over its words (a trailing plural "s" is also tried), memoised per normalised text. The same-request model reads
 * whether two askings share a class while they share no subject word (sameRequest/features.ts); the loop detector reads
 * whether failed askings in a row stay on one class (detectLoop.streakLoop). Pure and cheap: a look-up per word.
 */
import { TextMemo } from '../textMemo';

/** The classes, by name, with their words (normalised spelling: lower case, contractions and texting spelled out). */
export const SHOP_CONCEPT_CLASSES: Readonly<Record<string, readonly string[]>> = {
  gift: ['gift', 'present', 'wrap', 'wrapped', 'wrapping', 'giftwrap', 'giftwrapped', 'ribbon', 'tissue', 'pack', 'packed', 'packaging', 'giftbox'],
  parts: ['leg', 'legs', 'feet', 'foot', 'screw', 'unscrew', 'unscrewed', 'detach', 'detachable', 'detached', 'removable', 'remove', 'removed',
    'assemble', 'assembly', 'assembled', 'build', 'built', 'pieces', 'piece', 'flatpack', 'flatpacked', 'instructions', 'tools', 'attach',
    'attached', 'fitting', 'fittings', 'bolts', 'bolt', 'parts', 'part', 'spare'],
  dimensions: ['width', 'wide', 'height', 'high', 'tall', 'length', 'depth', 'deep', 'cm', 'mm', 'centimetres', 'centimeters', 'inch', 'inches',
    'measurement', 'measurements', 'measure', 'measures', 'dimension', 'dimensions', 'metre', 'metres', 'meter', 'meters', 'size', 'big',
    'huge', 'compact', 'maximum', 'max', 'minimum', 'feet', 'ft'],
  fit: ['size', 'sizes', 'sizing', 'fit', 'fits', 'small', 'big', 'tight', 'loose', 'snug', 'baggy', 'roomy', 'petite', 'oversized', 'larger',
    'smaller', 'bigger', 'xs', 's', 'm', 'l', 'xl', 'xxl', 'medium', 'large'],
  material: ['material', 'materials', 'made', 'fabric', 'fibre', 'fiber', 'fibres', 'composition', 'cotton', 'wool', 'acrylic', 'polyester',
    'linen', 'silk', 'leather', 'nylon', 'viscose', 'bamboo', 'thin', 'thick', 'transparent', 'sheer', 'lining', 'cashmere'],
  care: ['wash', 'washable', 'washing', 'washed', 'clean', 'cleaning', 'iron', 'ironing', 'tumble', 'dryer', 'stain', 'stains', 'dishwasher', 'shrink', 'shrinks', 'care'],
  warranty: ['warranty', 'guarantee', 'guaranteed', 'covered', 'cover', 'breaks', 'break', 'broke', 'broken', 'fail', 'fails', 'stops',
    'repair', 'repaired', 'defect', 'faulty', 'years', 'year', 'months', 'lifetime'],
  payWay: ['pay', 'paying', 'payment', 'payments', 'card', 'cash', 'cheque', 'cheques', 'check', 'paypal', 'klarna', 'transfer',
    'instalments', 'instalment', 'installments', 'afterpay', 'clearpay', 'cod', 'door', 'visa', 'amex', 'mastercard', 'debit', 'credit', 'bank'],
  discount: ['discount', 'discounts', 'voucher', 'vouchers', 'coupon', 'coupons', 'code', 'codes', 'promo', 'promotion', 'sale', 'sales',
    'reduced', 'reduction', 'offer', 'offers', 'deal', 'deals', 'cheaper', 'bulk', 'trade', 'wholesale', 'volume', 'quantity', 'rate',
    'pricing', 'clearance', 'markdown', 'percent', 'giftcard'],
  arrival: ['arrive', 'arrives', 'arriving', 'arrival', 'eta', 'date', 'day', 'days', 'tomorrow', 'come', 'comes', 'coming', 'bring',
    'postman', 'postie', 'courier', 'driver', 'deliver', 'delivered', 'delivery', 'reach', 'receive', 'received'],
  whereabouts: ['where', 'location', 'whereabouts', 'track', 'tracking', 'status', 'update', 'updates', 'town', 'depot', 'physically',
    'happened', 'lost', 'missing'],
  dispatch: ['dispatch', 'dispatched', 'cutoff', 'cut', 'warehouse', 'leave', 'leaves', 'left', 'ship', 'ships', 'shipped', 'sent',
    'posted', 'afternoon', 'morning', 'pm', 'processing'],
  shippingCost: ['free', 'minimum', 'min', 'spend', 'postage', 'charge', 'charges', 'fee', 'fees', 'shipping', 'threshold', 'cost', 'costs'],
  tax: ['tax', 'taxes', 'vat', 'hst', 'gst', 'duty', 'duties', 'customs', 'import', 'included'],
  destination: ['address', 'halls', 'accommodation', 'campus', 'university', 'uni', 'home', 'house', 'flat', 'moved', 'move', 'moving',
    'neighbour', 'neighbor', 'office', 'locker', 'elsewhere', 'abroad', 'overseas', 'internationally'],
  account: ['account', 'login', 'log', 'sign', 'signup', 'register', 'registration', 'password', 'username', 'user', 'profile', 'reset',
    'forgot', 'forgotten', 'remember', 'locked', 'email', 'create'],
  history: ['history', 'past', 'previous', 'bought', 'purchases', 'reorder'],
  mailing: ['newsletter', 'newsletters', 'unsubscribe', 'emails', 'mailing', 'marketing', 'subscribe', 'subscription', 'spam', 'messages', 'texts', 'opt'],
  language: ['language', 'languages', 'translate', 'translation', 'english', 'chinese', 'spanish', 'french', 'german', 'arabic', 'italian',
    'polish', 'portuguese', 'hindi', 'urdu', 'japanese', 'korean', 'switch'],
  cancel: ['cancel', 'cancelled', 'canceled', 'cancellation', 'cancelling', 'stop', 'halt', 'undo', 'withdraw', 'abort'],
  exchange: ['exchange', 'exchanged', 'swap', 'swapped', 'trade', 'replace', 'replacement', 'colour', 'color'],
  returnWay: ['return', 'returns', 'returning', 'returned', 'label', 'labels', 'sticker', 'printable', 'print', 'printer', 'postage'],
  refund: ['refund', 'refunds', 'refunded', 'money', 'reimbursement', 'reimburse', 'reimbursed', 'credited', 'repaid'],
  stock: ['stock', 'available', 'availability', 'restock', 'restocked', 'sold', 'instock', 'preorder'],
  age: ['age', 'ages', 'safe', 'safety', 'baby', 'babies', 'toddler', 'infant', 'kids', 'kid', 'child', 'children', 'recommended'],
  place: ['showroom', 'store', 'stores', 'shop', 'shops', 'branch', 'branches', 'visit', 'physical', 'open',
    'opening', 'hours', 'closed', 'close', 'nearest', 'near', 'located'],
  phone: ['phone', 'telephone', 'call', 'ring', 'speak', 'hotline', 'landline', 'mobile'],
  compatible: ['induction', 'hob', 'stove', 'cooker', 'compatible', 'compatibility', 'gas', 'electric', 'oven', 'ovenproof',
    'microwave', 'microwavable', 'suitable'],
  wishlist: ['wishlist', 'save', 'saved', 'bookmark', 'favourite', 'favourites', 'favorite', 'favorites'],
  collect: ['collect', 'collection', 'collecting', 'pickup', 'pick', 'ready', 'store', 'click'],
  power: ['battery', 'batteries', 'charge', 'charger', 'charging', 'mah', 'ah', 'amp', 'amps', 'watts', 'watt', 'power', 'volt', 'volts',
    'plug', 'rechargeable', 'mains', 'cordless'],
};

/**
 * Words of a class that name one value among others (a way of paying, a language, a letter size): two askings naming
 * different ones ("can I pay with PayPal" / "can I pay by bank transfer") ask about two values of one topic, not one
 * request twice (see shopValuesDiffer).
 */
export const SHOP_VALUE_WORDS: ReadonlySet<string> = new Set([
  'paypal', 'klarna', 'cash', 'cheque', 'cheques', 'transfer', 'bank', 'afterpay', 'clearpay', 'visa', 'amex', 'mastercard', 'debit',
  'credit', 'card', 'cod', 'english', 'chinese', 'spanish', 'french', 'german', 'arabic', 'italian', 'polish', 'portuguese', 'hindi', 'urdu',
  'japanese', 'korean', 'xs', 's', 'm', 'l', 'xl', 'xxl', 'medium', 'large', 'small',
]);
/** Whether both texts (normalised) name value words (SHOP_VALUE_WORDS) and share none: two values of one topic. */
export function shopValuesDiffer(a: string, b: string): boolean {
  const va = valuesOf(a);
  if (va.length === 0) return false;
  const vb = valuesOf(b);
  return vb.length > 0 && !va.some((v) => vb.includes(v));
}
function valuesOf(normalized: string): string[] {
  const out: string[] = [];
  if (normalized !== '') for (const t of normalized.split(' ')) if (SHOP_VALUE_WORDS.has(t) && !out.includes(t)) out.push(t);
  return out;
}

const CLASS_NAMES = Object.keys(SHOP_CONCEPT_CLASSES);
if (CLASS_NAMES.length > 32) throw new Error('shopConcepts: at most 32 classes fit in one bit set');

/** Per word, the bit set of its classes. */
const WORD_CLASSES = new Map<string, number>();
CLASS_NAMES.forEach((name, bit) => {
  for (const w of SHOP_CONCEPT_CLASSES[name]) WORD_CLASSES.set(w, (WORD_CLASSES.get(w) ?? 0) | (1 << bit));
});

function wordClasses(t: string): number {
  const hit = WORD_CLASSES.get(t);
  if (hit !== undefined) return hit;
  if (t.length > 3 && t.endsWith('s')) return WORD_CLASSES.get(t.slice(0, -1)) ?? 0;
  return 0;
}

const memo = new TextMemo<number>(4000);

/** The bit set of the shop classes the words of a normalised text name (0: none). */
export function shopConceptClasses(normalized: string): number {
  const hit = memo.get(normalized);
  if (hit !== undefined) return hit;
  let bits = 0;
  if (normalized !== '') for (const t of normalized.split(' ')) bits |= wordClasses(t);
  memo.set(normalized, bits);
  return bits;
}

/** The names of the classes in a bit set (for explanations and tests). */
export function shopConceptNames(bits: number): string[] {
  return CLASS_NAMES.filter((_, i) => (bits & (1 << i)) !== 0);
}
