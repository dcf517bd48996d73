/**
 * Round seven (session 5): is an unusable message a clear question about the shop, or is the customer stuck?
 *
 * A designer wants the bot to hand over when the customer is stuck (key mashes, emoji, gibberish, questions the
 * shop has nothing to do with, the same question asked again), not when a customer asks two clear, different
 * questions about the shop that the flow happens to have no intent for ("does the drill come with batteries?",
 * "do you gift-wrap?"). The fallback streak therefore counts such a question half (see detectRepeatedFallback).
 *
 * "About the shop" is read from the words of what any shop's customer service is asked about, by family, not from
 * product names (a product noun alone is ambiguous: "book a table for two", "drop my suit off"):
 *  - ordering and delivery (an order as a noun, courier, parcel, dispatch, tracking, collection, invoice...),
 *  - returns and exchanges, payment and prices (discount, voucher, instalments, delivery charge...),
 *  - the shop itself (a branch, its hours and parking, when the message names the shop or "you"),
 *  - the customer's account, newsletter, loyalty scheme, gift cards, gift wrapping,
 *  - a product's attributes (stock, size, colour, material, dimensions, care, warranty, assembly, parts).
 * A follow-up that points back at an on-topic question ("and in L?", "how should I clean it?") inherits its topic. Pure: no I/O, cached per normalised text.
 */
import type { TextAnalysis } from '../nlu/types';
import { canonicalTokens, canonicalizeTokens, joinedTokens, paddedTokens } from './canonicalTokens';
import { isRealQuestion } from './questionConcepts';
import { normalizeText } from '../nlu/normalizeText';
import { inDomainScore, inDomainScoreOfTokens } from './inDomain/inDomainScore';

/** Single words (canonical tokens; a trailing plural "s" / "es" is also tried). */
const SHOP_WORDS = new Set([
  // ordering and delivery
  'ordered', 'delivery', 'deliveries', 'deliver', 'delivered', 'shipping', 'ship', 'shipped', 'shipment', 'dispatch', 'dispatched',
  'courier', 'couriers', 'parcel', 'package', 'postage', 'tracking', 'track', 'tracked', 'collection', 'collect', 'collected', 'pickup',
  'porch', 'neighbour', 'neighbor', 'signature', 'arrive', 'arrival', 'eta', 'depot', 'invoice', 'receipt', 'vat', 'duties', 'customs',
  'address', 'postcode', 'zip', 'basket', 'checkout', 'cart', 'preorder', 'backorder', 'flatpack', 'flatpacked', 'packaging', 'packed',
  // returns and exchanges
  'return', 'returns', 'returned', 'returning', 'refund', 'refunds', 'exchange', 'exchanged', 'swap', 'unused', 'tags', 'faulty', 'damaged',
  'replacement', 'replace',
  // payment and prices
  'pay', 'payment', 'payments', 'paid', 'price', 'prices', 'priced', 'cost', 'costs', 'charge', 'charged', 'charges', 'fee', 'fees',
  'discount', 'discounts', 'coupon', 'voucher', 'promo', 'sale', 'student', 'klarna', 'paypal', 'clearpay', 'afterpay', 'amex', 'visa',
  'mastercard', 'instalment', 'instalments', 'installments', 'cheque', 'cheaper', 'expensive', 'tax',
  // the customer's account and the shop's schemes
  'account', 'newsletter', 'loyalty', 'points', 'membership', 'wishlist', 'subscription', 'unsubscribe', 'giftcard', 'wrapping', 'wrap',
  'wrapped', 'gift', 'gifts',
]);
/** A product's attributes: a question about a product, not about a service the shop might provide. */
const ATTRIBUTE_WORDS = new Set([
  'stock', 'restock', 'available', 'availability', 'size', 'sizes', 'sizing', 'fit', 'fits', 'colour', 'colours', 'color', 'colors',
  'material', 'materials', 'fabric', 'cotton', 'linen', 'wool', 'leather', 'oak', 'walnut', 'pine', 'ceramic', 'wooden', 'varnish',
  'treated', 'dimensions', 'dimension', 'diameter', 'width', 'height', 'depth', 'weight', 'wattage', 'watts',
  'battery', 'batteries', 'warranty', 'guarantee', 'guaranteed', 'assembly', 'assemble', 'assembled', 'instructions', 'manual', 'parts',
  'spare', 'matching', 'washable', 'dishwasher', 'microwave', 'shrink', 'waterproof', 'care', 'clean', 'cleaning', 'product', 'products',
  'item', 'items', 'model', 'range', 'catalogue', 'brochure', 'sample', 'samples', 'swatch', 'bundle', 'separately', 'included', 'include',
]);
/** Words about the shop's own place and hours: only when the message names the shop or asks "you". */
const PLACE_WORDS = new Set(['open', 'opens', 'opening', 'close', 'closes', 'closing', 'closed', 'hours', 'parking', 'accessible', 'wheelchair',
  'located', 'location', 'branch', 'branches', 'shop', 'shops', 'store', 'stores', 'showroom']);
const SHOP_SELF = new Set(['you', 'your', 'shop', 'shops', 'store', 'stores', 'branch', 'branches', 'showroom']);
/** "order" as a noun (my order, the order, order 12345, two orders), not "can you order me a pizza". */
const ORDER_BEFORE = new Set(['my', 'the', 'an', 'this', 'that', 'our', 'your', 'first', 'second', 'other', 'two', 'both', 'whole', 'same', 'an', 'new', 'next', 'online', 'last', 'previous']);
/** Two-word terms whose words alone say little ("gift card", "credit card", "size guide", "price match"). */
const SHOP_PAIRS = new Set(['gift card', 'gift cards', 'credit card', 'debit card', 'store credit', 'size guide', 'price match', 'apple pay',
  'google pay', 'sign up', 'log in', 'next day', 'click and', 'true to', 'come with', 'comes with', 'come in', 'comes in']);
/**
 * A product's parts, features and measures ("does it have a hood", "the limescale filter", "capacity in litres",
 * "a 15-inch laptop") and its qualities ("bright", "magnetic", "slippery"; any -able / -ible / -proof / -resistant word:
 * "foldable", "removable", "showerproof", "water-resistant").
 */
const PRODUCT_FEATURES = new Set(['hood', 'lining', 'lined', 'sleeve', 'pocket', 'strap', 'zip', 'zipper', 'lid', 'handle', 'filter', 'timer',
  'plug', 'bulb', 'switch', 'remote', 'cord', 'cable', 'charger', 'charge', 'charging', 'usb', 'bluetooth', 'wifi', 'app', 'setting', 'settings',
  'capacity', 'litre', 'liter', 'ml', 'inch', 'inches', 'cm', 'mm', 'metre', 'meter', 'kg', 'grams', 'watt', 'volt', 'bright', 'brightness',
  'warm', 'warmth', 'soft', 'scratchy', 'itchy', 'slippery', 'magnetic', 'sturdy', 'quiet', 'noisy', 'wireless', 'cordless', 'padded',
  'adjustable', 'thick', 'thickness', 'thread', 'organic', 'vegan', 'recycled', 'stretchy', 'lightweight', 'padding', 'insulated', 'nonstick']);
const QUALITY_SUFFIX = /(?:able|ible|proof|resistant)$/;
const NOT_QUALITY = new Set(['possible', 'impossible', 'terrible', 'horrible', 'incredible', 'responsible', 'able', 'unable', 'table', 'tables', 'cable',
  'vegetable', 'probable', 'miserable', 'reasonable', 'unbelievable', 'comfortable', 'unacceptable', 'acceptable', 'valuable', 'notable', 'capable']);
/** "does it / the X / they have / come with / include / fit / last ...": a question about what a product has or does. */
const PRODUCT_GRAMMAR = /^(?:\S+ ){0,3}(?:does|do|did|will|would|can|could|is|are) (?:it|they|the(?: \S+){1,3}|your(?: \S+){1,2}|this(?: \S+){0,2}|these(?: \S+){0,2}|that(?: \S+){0,2}) (?:have|has|come|comes|include|includes|fit|fits|work|works|last|lasts|run|runs|hold|holds)(?: |$)/;

/**
 * Session 33 (issue 11, ordinary conversations handed over for repeated fallback): the price of a thing asked after,
 * "how much is the standing fan", "how much are those grab rails", "how much for the 3 step ladder": a question about
 * the shop's goods whatever they are called (world prices, "how much is the price of gold", are WORLD's). Was "Sorry, I
 * didn't get that" twice, then handed over. Only a thing pointed at ("the", "your", "those"): "how much is a beer in
 * London", "how much for a crate of Piton", "how much is a ticket to the zoo" ask about the world (measured: 3 corpus
 * repeated fallbacks lost with "a").
 */
const PRICE_FRAME = /^(?:\S+ ){0,3}how much (?:is|are|r|for|do|does|would|will|is it for|are they for) (?:the|your|ur|this|that|these|those|it|they|them)(?: \S+){0,5}$/;

/** "do you do / offer / install / repair / rent ...": asking whether the shop provides a service. */
const SERVICE_FRAME = / (?:do|can|could|will|would) (?:you|ya|you guys|you lot|your shop|your store) (?:also |even )?(?:do|offer|provide|install|fit|repair|fix|rent|hire|service|book|print|make|cut|clean|unlock|recharge|top up|translate|write|deliver flowers|send flowers) /;

/**
 * Session 18 (esc): a product's variant asked after: "in" + a colour ("do u have it in grey", "got it in green?", "the same
 * bunting in gold"), or "in (a) <number>" closing the question ("do you have the white trainers in 5?", "allyuh have it
 * in a 12", "do you do 'em in a size 4?"). Which colour or size a thing comes in is a question about a product of the
 * shop, whatever the product is called, when it is asked as having or getting it (VARIANT_ASKS: "I want the sofa cover in beige" too); a number followed by more
 * words ("in 5 days") is not read.
 */
const COLOURS = new Set(['red', 'blue', 'green', 'grey', 'gray', 'navy', 'black', 'white', 'pink', 'purple', 'yellow', 'orange', 'brown', 'beige',
  'cream', 'khaki', 'olive', 'teal', 'burgundy', 'maroon', 'silver', 'gold', 'charcoal', 'mustard', 'lilac', 'ivory', 'tan', 'camel', 'sage',
  'rust', 'coral', 'turquoise', 'magenta', 'violet', 'indigo', 'aqua', 'brass', 'copper', 'chrome', 'oatmeal', 'stone', 'sand', 'taupe']);
const VARIANT_TAIL = new Set(['too', 'also', 'as', 'well', 'please', 'pls', 'plz', 'then', 'instead', 'or']);
/** ...asked as having, getting or stocking it ("have", "got", "come in", "do you do", "any", "order another"), not "was it the team in red?". */
const VARIANT_ASKS = new Set(['have', 'has', 'got', 'get', 'want', 'wants', 'need', 'needs', 'do', 'does', 'come', 'comes', 'available', 'sell', 'sells', 'stock', 'any', 'order', 'make', 'made', 'buy']);
function variantAt(toks: readonly string[], i: number): boolean {
  const t = toks[i];
  const before = toks[i - 1] === 'a' || toks[i - 1] === 'an' || toks[i - 1] === 'size' ? (toks[i - 2] === 'a' ? toks[i - 3] : toks[i - 2]) : toks[i - 1];
  if (before !== 'in') return false;
  // A size by number closes the question ("in a 12", "in 5?", "in a size 9 as well"), not "in 5 days".
  if (!COLOURS.has(t) && !(/^\d{1,2}(?:\.5)?$/.test(t) && toks.slice(i + 1).every((w) => VARIANT_TAIL.has(w)))) return false;
  return toks.some((w) => VARIANT_ASKS.has(w));
}

/**
 * Session 19 (esc): the kinds of goods a home and clothing shop sells, by department (a general list of the trade's
 * nouns, not the corpora's misses): a question asking whether the shop has, sells or stocks one ("hey do you sell desk
 * lamps", "do you have the dinosaur pyjamas in age 6-7", "do you sell cat scratchers too?") is a clear question about the
 * shop's range whatever the product is called. What such a shop does not sell (tyres, tickets, insurance, phone credit,
 * food, plants, fuel) is in none of these, so "do you sell car tyres?" stays a request the bot cannot serve.
 */
const GOODS = new Set([
  // furniture and beds
  'sofa', 'sofas', 'couch', 'armchair', 'chair', 'chairs', 'stool', 'stools', 'table', 'tables', 'desk', 'desks', 'bed', 'beds', 'bunk',
  'mattress', 'mattresses', 'wardrobe', 'wardrobes', 'drawers', 'dresser', 'bookcase', 'bookshelf', 'shelf', 'shelves', 'shelving', 'cabinet',
  'sideboard', 'bench', 'ottoman', 'headboard', 'cot', 'crib', 'highchair', 'footstool', 'beanbag', 'futon', 'hammock',
  // lighting and decor
  'lamp', 'lamps', 'lampshade', 'lampshades', 'lights', 'lantern', 'lanterns', 'candle', 'candles', 'mirror', 'mirrors', 'frame', 'frames',
  'vase', 'vases', 'clock', 'clocks', 'rug', 'rugs', 'doormat', 'mat', 'mats', 'curtain', 'curtains', 'blind', 'blinds', 'cushion', 'cushions',
  'throw', 'throws', 'planter', 'planters', 'ornament', 'ornaments', 'wreath', 'bunting', 'print', 'prints', 'poster', 'posters', 'diffuser',
  // bedding, bath and textiles
  'duvet', 'duvets', 'pillow', 'pillows', 'pillowcase', 'pillowcases', 'sheet', 'sheets', 'bedding', 'blanket', 'blankets', 'quilt',
  'bedspread', 'towel', 'towels', 'bathrobe', 'robe', 'dressing', 'tablecloth', 'napkins', 'placemats', 'coasters', 'apron', 'aprons',
  // kitchen and dining
  'kettle', 'kettles', 'toaster', 'toasters', 'mug', 'mugs', 'cup', 'cups', 'teapot', 'teapots', 'plate', 'plates', 'bowl', 'bowls',
  'tumblers', 'jug', 'jugs', 'cutlery', 'pan', 'pans', 'saucepan', 'saucepans', 'wok', 'tray', 'trays', 'dish', 'dishes',
  'casserole', 'blender', 'blenders', 'mixer', 'mixers', 'cooker', 'cookers', 'fryer', 'fryers', 'microwave', 'oven', 'fridge', 'freezer',
  'dishwasher', 'machine', 'grinder', 'scales', 'knife', 'knives', 'utensils', 'tins', 'jar', 'jars', 'flask', 'flasks', 'bottle', 'bottles',
  'lunchbox', 'kitchenware', 'crockery', 'dinnerware', 'bakeware', 'cookware', 'tableware', 'glassware', 'homeware', 'homewares',
  // small appliances and electricals for the home
  'heater', 'heaters', 'fan', 'fans', 'hoover', 'vacuum', 'iron', 'irons', 'dehumidifier', 'humidifier', 'purifier', 'hairdryer', 'dryer',
  'straighteners', 'monitor', 'monitors', 'speaker', 'speakers', 'radio', 'radios',
  // clothing, shoes and accessories
  'clothes', 'clothing', 'shirt', 'shirts', 'tshirt', 'tshirts', 'top', 'tops', 'blouse', 'jumper', 'jumpers', 'sweater', 'sweaters', 'cardigan',
  'cardigans', 'hoodie', 'hoodies', 'sweatshirt', 'jacket', 'jackets', 'coat', 'coats', 'fleece', 'gilet', 'dress', 'dresses', 'skirt', 'skirts',
  'trousers', 'jeans', 'leggings', 'shorts', 'joggers', 'pyjamas', 'pajamas', 'pjs', 'nightie', 'onesie', 'onesies', 'uniform', 'uniforms',
  'polo', 'polos', 'socks', 'tights', 'underwear', 'bra', 'bras', 'pants', 'boxers', 'swimsuit', 'swimwear', 'bikini', 'suit', 'suits',
  'tie', 'ties', 'scarf', 'scarves', 'gloves', 'mittens', 'hat', 'hats', 'beanie', 'cap', 'caps', 'belt', 'belts', 'bag', 'bags', 'handbag',
  'handbags', 'backpack', 'rucksack', 'purse', 'wallet', 'umbrella', 'shoes', 'shoe', 'trainers', 'sneakers', 'boots', 'sandals', 'slippers',
  'heels', 'wellies', 'wellingtons', 'abaya', 'kimono', 'sari', 'hijab', 'babygrow', 'babygrows', 'sleepsuit', 'sleepsuits',
  // children, pets, garden furniture, gifts
  'toy', 'toys', 'teddy', 'plush', 'jigsaw', 'puzzle', 'puzzles', 'pram', 'buggy', 'stroller', 'playmat', 'scratcher', 'scratchers', 'kennel',
  'collar', 'collars', 'lead', 'leash', 'hamper', 'hampers', 'parasol', 'barbecue', 'bbq', 'firepit', 'hammocks', 'deckchair', 'deckchairs',
  'storage', 'basket', 'baskets', 'box', 'boxes', 'hooks', 'hangers', 'luggage', 'suitcase', 'suitcases', 'stationery', 'notebook', 'notebooks',
]);
/** Asking whether the shop has it: "do you sell / have / stock / do / carry", "got any", "looking for", "where can I find". */
const GOODS_ASKS = / (?:do|does|did|will|would|can|could) (?:you|u|ya|ye|yous|you guys|yall|allyuh|unnu|your shop|the shop) (?:also |still |even |ever )?(?:sell|stock|have|carry|do|make|get|got|offer)\b| (?:you|u|ya|yous|yall) (?:got|sell|stock|have|carry) (?:any|the|a|an|some|them|those|these)\b| (?:got|any|have you got|looking for|searching for|after|where can i (?:find|get|buy)) /;
/** Whether the tokens ask the shop about having one of its kinds of goods (GOODS). */
export function asksAfterGoods(toks: readonly string[]): boolean {
  let goods = false;
  for (const t of toks) if (GOODS.has(t) || (t.length > 3 && t.endsWith('s') && GOODS.has(t.slice(0, -1)))) { goods = true; break; }
  if (!goods) return false;
  const padded = paddedTokens(toks);
  // Made, altered, rented or sold for the customer ("can you print 200 gig posters", "can you do the band t-shirts with
  // our logo", "do you do moving boxes rental", "can you sell my old sofa for me") is a service, not the shop's range.
  return GOODS_ASKS.test(padded) && !MADE_TO_ORDER.test(padded);
}
const MADE_TO_ORDER = / (?:can|could|would|will) (?:you|u|ya|ye|yous) (?:\w+ )?(?:print|make|install|fit|repair|fix|build|design|engrave|embroider|custom|personalise|personalize)\b| (?:logo|logos|custom|customised|customized|personalised|personalized|bespoke|engraved|embroidered|printed with|rental|rent|hire|tailoring|alterations|alteration|shorten|shorter)\b| sell (?:my|our) /;

/**
 * Session 27 (topics, issue 11): a question asked before buying: whether the shop has one of its goods (asksAfterGoods), or
 * what a product is like (its attributes, parts and qualities, a colour or size it comes in, "does it have / come with /
 * fit ..."), or whether it ships somewhere or by next day: "this jacket is sick!!! do you have it in olive", "THE BLANKET IS
 * NOT BAD AT ALL. DO YOU HAVE IT IN A LARGER SIZE.", "Do you sell real plants or just the fake ones?", "ur prices are mad
 * cheap, sick. do u ship to france". Not a question about an order, a delivery, a return or a payment of the customer's
 * (those are namesShopTopic's SHOP_WORDS): the customer's own case is not asked about. `text` is the message as typed.
 */
const SHIPS_TO = / (?:do|does|can|could|will|would) (?:you|u|ya|ye|yous|yall|allyuh|it|they) (?:\w+ )?(?:ship|deliver|post|send) (?:to|abroad|overseas|internationally)\b| (?:do|does|can|could|will|would|you|u|allyuh|yall) (?:\w+ )?(?:do|offer|have) (?:next|same) day\b/;
/** Attribute words as common in a case about an order as before buying ("my item", "the warranty", "the instructions"). */
const CASE_ATTRIBUTES = new Set(['item', 'product', 'warranty', 'guarantee', 'guaranteed', 'parts', 'part', 'instructions', 'manual', 'included', 'include', 'available', 'availability']);
export function asksBeforeBuying(toks: readonly string[], text: string): boolean {
  if (toks.length === 0) return false;
  const padded = paddedTokens(toks);
  if (!text.includes('?') && !QUESTION_FIRST.has(toks[0]) && !ASKS_YOU.test(padded)) return false;
  if (asksAfterGoods(toks) || SHIPS_TO.test(padded)) return true;
  // What a product is like: only with one of the shop's kinds of goods named ("does the rug fit", "is the lamp dimmable",
  // "is this raincoat water-resistant"), since the attribute words alone are also a case's ("the charge", "do you care").
  let goods = false;
  for (let i = 0; i < toks.length && !goods; i++) goods = GOODS.has(toks[i]) || (toks[i].length > 4 && toks[i].endsWith('s') && GOODS.has(toks[i].slice(0, -1)));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (i > 0 && ((SIZE_LETTERS.has(t) && (toks[i - 1] === 'in' || toks[i - 1] === 'size')) || variantAt(toks, i))) return true;
    if (!goods) continue;
    const bare = t.endsWith('es') ? t.slice(0, -2) : t.endsWith('s') ? t.slice(0, -1) : t;
    if (!CASE_ATTRIBUTES.has(t) && !CASE_ATTRIBUTES.has(bare) && (ATTRIBUTE_WORDS.has(t) || ATTRIBUTE_WORDS.has(bare) || PRODUCT_FEATURES.has(t) || PRODUCT_FEATURES.has(bare))) return true;
    if (t.length >= 7 && QUALITY_SUFFIX.test(t) && !NOT_QUALITY.has(t)) return true;
  }
  return goods && PRODUCT_GRAMMAR.test(joinedTokens(toks));
}
/**
 * Session 49 (conv10): a question before buying about a product itself (asksBeforeBuying without its delivery and next-day
 * shapes): whether the shop has it, in a size or colour, in stock ("Human League t-shirt, do you have it in size M?",
 * "have you got the Return of the Jedi poster in stock?"). The intent router reads it as none of its intents unless an
 * intent's own examples ask such a question (intentRouter.ts productQuestionElsewhere).
 */
export function asksAfterProduct(toks: readonly string[], text: string): boolean {
  const padded = paddedTokens(toks);
  // Or whatever it is, whether it is in stock ("is the Return to Sender vinyl in stock?": no word of the shop's goods).
  return (asksBeforeBuying(toks, text) && !SHIPS_TO.test(padded)) || (IN_STOCK.test(padded) && (text.includes('?') || QUESTION_FIRST.has(toks[0] ?? '')));
}
const IN_STOCK = / (?:in|out of) stock(?: |$)/;
/** asksAfterProduct of a message as typed (normalised and spelled out here); a word of asking first, cheaply. */
export function asksAfterProductText(text: string): boolean {
  if (!/\b(?:have|has|got|stock|sell|carry|available|come|in)\b/i.test(text)) return false;
  return asksAfterProduct(canonicalizeTokens(normalizeText(text).split(' ').filter(Boolean)), text);
}
/** A question's first word (a question mark may be left out: "do u ship to france"). */
const QUESTION_FIRST = new Set(['do', 'does', 'can', 'could', 'is', 'are', 'will', 'would', 'any', 'what', 'which', 'how', 'got', 'have', 'has']);
const ASKS_YOU = / (?:do|does|can|could) (?:you|u|ya|ye|allyuh) (?:\w+ )?(?:have|sell|stock|do|ship|deliver|make|carry|got|send|post)\b/;

/**
 * Session 29 (rffe, issue 11): the SHAPE of asking whether the shop has a thing, whatever the thing is called: "do u sell
 * pill organisers", "Do you sell those grab rails for the bathroom", "unu sell wedding guest dress?", "got any pedestal
 * fans?", "is the ladder shelf available in oak", "does the hoodie come in lilac". The shop's vocabulary (GOODS) cannot
 * know every product, so a product it does not know made the question count as not understood. The shape alone is also
 * how off-topic requests are put ("do you sell car tyres?", "do you have a recipe for shortbread", "you sell insurance?"),
 * so it is read as about the shop only when the learned in-domain score reads the message as the shop's too (at least
 * HAS_IT_IN_SHOP; see hasItInShop). "do you do ..." and "can you get me ..." are services, not goods, and are not read.
 */
const HAS_IT_ASKS = / (?:do|does|can|could|did) (?:you|ya|ye|yous|you guys|yall|allyuh|unu|unnu|your shop|the shop) (?:also |still |even |ever |currently |now )?(?:sell|stock|have|carry|got) \S| (?:you|ya|yous|yall|allyuh|unu|unnu) (?:got|sell|stock|carry) \S| have you (?:got|any) \S| got any \S| (?:is|are) (?:the|your|yer|this|that|these|those|a|an|any) (?:\S+ ){1,4}(?:available|in stock|back in)(?: |$)| (?:does|do) (?:it|they|the (?:\S+ ){1,3}|this (?:\S+ ){0,2}|these (?:\S+ ){0,2})come in \S/;
/** One of these is in every form of HAS_IT_ASKS: the patterns run only then (a set look-up per word, not a regex per message). */
const HAS_IT_WORDS = new Set(['sell', 'stock', 'have', 'carry', 'got', 'available', 'back', 'come']);
/** In-domain score at or above which the shape reads as about the shop (inDomain/inDomainScore.ts). */
export const HAS_IT_IN_SHOP = 0.5;
/** Whether the tokens have the shape (HAS_IT_ASKS) and ask for nothing made or done to order (MADE_TO_ORDER). */
export function asksWhetherShopHasIt(toks: readonly string[]): boolean {
  if (toks.length < 3 || !toks.some((t) => HAS_IT_WORDS.has(t))) return false;
  const padded = paddedTokens(toks);
  return HAS_IT_ASKS.test(padded) && !MADE_TO_ORDER.test(padded) && !NOT_A_THING.test(padded);
}
/** The same for a question kept in the memory (normalised words, spelled out as canonicalTokens does: "u" is "you"). */
function hasItInShop(normalizedToks: readonly string[]): boolean {
  const toks = canonicalizeTokens(normalizedToks);
  return asksWhetherShopHasIt(toks) && inDomainScoreOfTokens(toks) >= HAS_IT_IN_SHOP;
}
/** "do you have time / any idea / a minute": the shape, but not asking after a thing. */
const NOT_A_THING = / (?:have|got) (?:you )?(?:any |a |the |some )?(?:time|idea|clue|minute|moment|second|sec|chance|opinion|feelings|name|favourite|favorite|kids|children|family|pets|friends)(?: |$)/;

/** Sizes written as letters ("is it in M", "and in XL?"). */
const SIZE_LETTERS = new Set(['xs', 's', 'm', 'l', 'xl', 'xxl', 'xxs']);

/** Openers of a question or a request (canonical tokens), among the first three words. */
const ASKS = new Set(['what', 'when', 'where', 'how', 'why', 'which', 'who', 'can', 'could', 'would', 'will', 'is', 'are', 'do', 'does', 'did',
  'have', 'has', 'may', 'should', 'shall', 'any', 'whats', 'wheres', 'whens', 'hows', 'wat', 'wen', 'wha', 'kindly', 'please', 'pls']);
/**
 * A question or a request: a question mark, a question word or auxiliary among the first three words, or "I need /
 * want / would like / am looking for". A few words naming things ("purple monkey dishwasher") are not one.
 */
function asksSomething(analysis: TextAnalysis, toks: readonly string[]): boolean {
  if (toks.length === 0) return false;
  if (analysis.text.includes('?') || toks.slice(0, 3).some((t) => ASKS.has(t))) return true;
  const padded = paddedTokens(toks);
  if (/ i (?:need|want|would like|am looking for|wanted to know|was wondering) /.test(padded)) return true;
  return QUESTION_LATER.test(padded) || (toks[0] === 'you' && YOU_ASK.has(toks[1] ?? '')) || clauseAsks(analysis.text);
}
/**
 * Session 27 (fallback): a question that does not open the message. Customers lead in with a greeting, a remark or the
 * product's name and ask after it, often without a question mark: "the steel shelving unit, whats the max load per
 * shelf", "evening, NW-570321, has it left yet", "right I'm on the motorway so sorry for typos do u stock roof boxes",
 * "Hi mi waan know if unu ship to Kingston", "I just wondered whether it can go in a standard washing machine". Read
 * as a question: an auxiliary asking the shop ("do you", "can you", "have you") or a wish to know anywhere, a question
 * opener first in a later clause, or "you" and a verb of the shop's business first ("u take cash on delivery").
 */
const QUESTION_LATER = / (?:do|does|can|could|will|would|have|did) (?:you|ya|yous|unu|unnu|yall|you guys) | (?:wondering|wondered|want to know|wanted to know|like to know|waan know|wan know|want to ask|wanted to ask|know if|know whether|advise whether|advise if) /;
const YOU_ASK = new Set(['take', 'accept', 'ship', 'deliver', 'sell', 'stock', 'carry', 'have', 'got', 'do', 'send', 'post', 'offer', 'open']);
const CLAUSE_BREAK = /[,.;:!]+\s*|\s+-\s+/u;
function clauseAsks(text: string): boolean {
  const clauses = text.split(CLAUSE_BREAK);
  for (let i = 1; i < clauses.length; i++) {
    const words = clauses[i].toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, '').split(/\s+/).filter((w) => w !== '');
    const first = CLAUSE_LEADERS.has(words[0] ?? '') ? words[1] : words[0];
    if (first !== undefined && ASKS.has(first.replace(/'/g, '')) && words.length >= 3) return true;
  }
  return false;
}
const CLAUSE_LEADERS = new Set(['and', 'so', 'but', 'also', 'ok', 'okay', 'anyway', 'then', 'oh', 'ah', 'well', 'just', 'quick', 'question']);
/**
 * Chit-chat with the bot about itself ("what's your favourite colour", "do you like pizza", "what do you reckon"):
 * a question, but not about the shop, whatever words it uses.
 */
function chitChat(toks: readonly string[]): boolean {
  const j = paddedTokens(toks);
  return /(?: your (?:favourite|favorite|fav|fave|opinion|star sign|name) | you (?:like|love|prefer|reckon|think|dream|believe) | do you like | in your opinion )/.test(j);
}

/**
 * Session 11 (escconv): a general-knowledge question about the world, whatever shop word it borrows ("what is the price
 * of gold today", "the exchange rate for the rand", "who is the president of Zambia", "how tall is the Shard", "the
 * weather in Leeds"): not about the shop.
 */
const WORLD = / (?:exchange rate|rate for the|price of (?:gold|silver|oil|petrol|diesel|bitcoin|bread|milk|houses?)|president of|prime minister|capital of|population of|how tall is|how high is|height of|who wrote|who won|who invented|weather (?:in|like|today|tomorrow)|the weather|going rate) /;
/**
 * Session 48 (fe4, issue 11): what the shop-topic rules read as plainly not the shop's (chit-chat with the bot, a
 * general-knowledge question, an errand with the state or transport: chitChat, worldQuestion). The repeated-fallback
 * counter's "all about the shop" streak (detectRepeatedFallback.readsAsShop) asked only the learned in-domain score, which
 * reads "which number I call for the council tax?" 1.00, so a customer asking two such things was never handed over.
 */
export function notTheShops(toks: readonly string[]): boolean {
  return chitChat(toks) || worldQuestion(toks);
}
function worldQuestion(toks: readonly string[]): boolean {
  const line = paddedTokens(toks);
  return WORLD.test(line) || publicErrand(line);
}
/**
 * Session 36 (fe, issue 11 repeated-fallback recall): an errand with the state or with transport, whatever shop word it
 * borrows: immigration papers ("help me with a visa letter", "apply for UK visa"; not the card: "student visa card"),
 * tax affairs ("my tax number", "council tax band", "VAT rate in Estonia"), licences and passes ("renew my television
 * licence", "bus pass"), tickets, fares and times of trains, buses, flights and ferries ("how much costs train ticket to
 * Edinburgh", "the train from Luton to London"), currency exchange and road charges. The shop cannot serve them and the
 * words "visa", "tax", "cost" or "charge" made them read as clear questions about the shop, so a customer asking two of
 * them was told "a person can help" and never handed over. Only when the rest of the message, without the errand and the
 * words of a price, names nothing of the shop ("the invoice from March for my tax return", "do I pay import tax").
 */
const ERRAND = / (?:apply(?:ing)? for (?:a |an |the |my )?(?:\w+ )?visa|visa (?:application|letter|extension|appointment|interview|sponsor|sponsorship)|(?:student|work|tourist|travel|spouse|settlement|uk|us|schengen) visa(?! (?:card|cards|debit|credit|payment|payments))|passport (?:renewal|office|application)|renew (?:my |a |the )?passport|residence permit|national insurance|ni number|tax (?:number|code|band|office|credit|credits)|council tax|income tax|road tax|hmrc|vat rate in|(?:tv|television|driving|drivers) licen[cs]e|(?:train|bus|coach|tube|plane|flight|ferry|rail) (?:ticket|tickets|times|time|fare|fares|timetable|pass)|(?:the|a) (?:train|bus|coach|flight|ferry) (?:from|to)|congestion charge|currency exchange|exchange money) /;
/** Words of a price, which an errand's cost borrows ("how much costs train ticket"). */
const PRICE_WORDS = new Set(['cost', 'costs', 'price', 'prices', 'priced', 'pay', 'paid', 'fee', 'fees', 'charge', 'charges', 'charged', 'cheaper', 'expensive']);
function publicErrand(line: string): boolean {
  const m = ERRAND.exec(line);
  if (m === null) return false;
  const rest = (line.slice(0, m.index) + line.slice(m.index + m[0].length)).split(' ').filter((t) => t !== '' && !PRICE_WORDS.has(t));
  return !namesShopTopic(rest);
}

const cache = new Map<string, boolean>();
const CACHE_SIZE = 2000;

/** Whether the tokens name something a shop's customer service is asked about (see the file comment). */
export function namesShopTopic(toks: readonly string[]): boolean {
  const self = toks.some((t) => SHOP_SELF.has(t));
  // "Do you do dry cleaning?", "do you do electric car chargers?", "can you fix my laptop screen": whether the shop
  // provides a service. A product's attribute or part names a product, not a service, so only the shop's own
  // business (ordering, delivery, returns, payment, the account, gift wrapping...) makes such a question on-topic.
  const service = SERVICE_FRAME.test(paddedTokens(toks));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const bare = t.endsWith('es') ? t.slice(0, -2) : t.endsWith('s') ? t.slice(0, -1) : t;
    // Session 9: a plural in "-es" of a word ending in "e" ("exchanges", "purchases", "packages") drops only the "s".
    if (SHOP_WORDS.has(t) || SHOP_WORDS.has(bare) || (bare !== t && t.endsWith('es') && SHOP_WORDS.has(t.slice(0, -1)))) return true;
    if (!service && (ATTRIBUTE_WORDS.has(t) || ATTRIBUTE_WORDS.has(bare) || PRODUCT_FEATURES.has(t) || PRODUCT_FEATURES.has(bare))) return true;
    if (!service && t.length >= 7 && QUALITY_SUFFIX.test(t) && !NOT_QUALITY.has(t)) return true;
    // An order reference ("wheres 5521", "and 81255?"), not a year ("the 1997 general election").
    if (/^\d{4,}$/.test(t) && !/^(?:19|20)\d\d$/.test(t)) return true;
    if (self && PLACE_WORDS.has(t)) return true;
    if ((t === 'order' || t === 'orders') && (ORDER_BEFORE.has(toks[i - 1] ?? '') || /^(?:\d{3,}|number|no|nr|status|id|ref|reference)$/.test(toks[i + 1] ?? '') || t === 'orders')) return true;
    if (i > 0 && SHOP_PAIRS.has(`${toks[i - 1]} ${t}`)) return true;
    if (i > 0 && SIZE_LETTERS.has(t) && (toks[i - 1] === 'in' || toks[i - 1] === 'size')) return true;
    if (i > 0 && variantAt(toks, i)) return true;
  }
  const joined = joinedTokens(toks);
  return PRODUCT_GRAMMAR.test(joined) || PRICE_FRAME.test(joined);
}

/** Whether a message (tokens of a normalised text) is a clear question about the shop: a real question naming a shop topic. */
export function isShopQuestionText(normalized: string): boolean {
  const hit = cache.get(normalized);
  if (hit !== undefined) return hit;
  const toks = normalized.split(' ').filter((t) => t !== '');
  const yes = isRealQuestion(normalized) && !chitChat(toks) && !worldQuestion(toks) && (namesShopTopic(toks) || asksAfterGoods(toks) ||
    hasItInShop(toks));
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(normalized, yes);
  return yes;
}

/** Pronouns and openers by which a follow-up points at the question before it ("and in L?", "how should I clean it?"). */
const FOLLOW_UP = new Set(['it', 'its', 'they', 'them', 'their', 'that', 'those', 'these', 'this', 'one', 'ones']);
const FOLLOW_OPENERS = new Set(['and', 'or', 'also', 'so', 'plus']);

/**
 * Whether this unusable message is a clear question about the shop: it names a shop topic itself, or it is the next
 * question pointing back (a pronoun, or "and / or / also / so ...") at the customer's last question, which did
 * or the one before it (`previous`: the customer's last questions, normalised, newest last; the last two are read).
 */
export function isShopQuestion(analysis: TextAnalysis, previous: readonly string[]): boolean {
  const toks = canonicalTokens(analysis);
  if (!asksSomething(analysis, toks) || chitChat(toks) || worldQuestion(toks)) return false;
  // Every word must be a word (not "asdkjh qwe?"): at most one token without a vowel or with a letter three times in a row.
  const odd = toks.filter((t) => !/^\d+$/.test(t) && (!/[aeiouy]/.test(t) || /(.)\1\1/.test(t))).length;
  if (odd > (toks.length >= 4 ? 1 : 0) && !toks.every((t) => SIZE_LETTERS.has(t) || /^\d+$/.test(t) || /[aeiouy]/.test(t))) return false;
  if (namesShopTopic(toks) || asksAfterGoods(toks) || (asksWhetherShopHasIt(toks) && inDomainScore(analysis) >= HAS_IT_IN_SHOP)) return true;
  // A follow-up that points back at a question about the shop is about the shop too ("and in L?", "how should I
  // clean it?", "and does it shed much, my last one went everywhere"); a new subject ("what's the weather in
  // Norway") is not, whatever came before it.
  if (!previous.some(isShopQuestionText)) return false;
  return toks.some((t) => FOLLOW_UP.has(t)) || FOLLOW_OPENERS.has(toks[0]);
}
