/**
 * Session 3 template families: whole families of wordings built from slots (what happened x how the writer
 * says it), not one phrase per miss. Written from the definitions of the reasons:
 *  - safety by meaning: a product that behaved dangerously (heat, sparks, flames, collapse, sharp breakage,
 *    chemical) with or without an injury, in any order and voice; traps: the same products praised or asked about;
 *  - negative sentiment without a classic negative word: praise wrapped around a complaint, rhetorical
 *    contempt questions about the company, masked swearing as a noun ("a $h!tshow"), "of course it won't";
 *  - urgency as a deadline in any form (parts of the day, "end of day", an event with a time, collecting
 *    instead) and someone waiting at the door with an obstacle; traps: the same words about the past or the
 *    opening hours;
 *  - refunds as money back in other shapes (credit me, put it back on my card, rather than a swap);
 *  - complaints as reporting a person's behaviour;
 *  - ordinary questions that mention boxes, sizes, days closed, "whenever you can" (false-escalation traps).
 */
import type { Family } from './templates';

export const round3Slots = {
  // Products that can hurt someone, and what they did.
  hazardItem: [
    'kettle', 'toaster', 'heater', 'hair straightener', 'hair dryer', 'curling iron', 'charger', 'power bank', 'extension lead',
    'lamp', 'fairy lights', 'candle', 'oil burner', 'air fryer', 'slow cooker', 'iron', 'electric blanket', 'hob kettle',
    'stepladder', 'bar stool', 'high chair', 'cot', 'baby gate', 'shelf bracket', 'garden chair', 'trampoline', 'bunk bed',
    'scooter', 'bike', 'glass jug', 'cafetiere', 'pressure cooker', 'space heater', 'vape charger', 'phone cable',
  ],
  hazardEvent: [
    'sparked', 'gave off sparks', 'flared up', 'went up in flames', 'caught light', 'started smoking', 'smoked', 'melted',
    'got scorching hot', 'got hot enough to burn skin', 'overheated', 'fizzled and popped', 'blew the fuse with a bang',
    'buckled', 'collapsed', 'gave way', 'snapped', 'tipped over', 'came apart', 'shattered', 'exploded', 'burst',
    'leaked something that stings', 'gave off fumes', 'smelled like burning plastic', 'crackled and flashed',
    'let out a puff of smoke', 'shot out a flame',
  ],
  hazardWhen: [
    'when I switched it on', 'the first time I used it', 'after a few minutes', 'while it was charging', 'under me', 'last night',
    'with my {kid|son|daughter|toddler} on it', 'in my hand', 'on the worktop', 'overnight', 'as soon as I plugged it in', '',
  ],
  injury: [
    'bruised my {leg|arm|shin|back}', 'left a blister on my {thumb|finger|wrist}', 'burnt my {hand|arm|fingers}', 'cut my {hand|finger|foot}',
    'my {@rel} needed a plaster', 'my {@rel} ended up in A&E', 'scalded my wrist', 'my {@rel} got a nasty bump on the head',
    'I jumped back just in time', 'singed the curtains', 'left a scorch mark on the table', 'my {@rel} was really shaken',
    'it could have taken my eye out', 'luckily nobody was hurt but it was close', 'we had to open all the windows',
  ],
  praise: [
    'brilliant', 'great', 'fantastic', 'amazing', 'wonderful', 'love it', 'perfect', 'gr8', 'top work', 'nice one', 'superb', 'lovely',
    'well done', 'excellent', 'fab', 'outstanding', 'impressive', 'genius', 'stellar', 'chef\'s kiss',
  ],
  failure: [
    'the returns label {won\'t download|comes out blank|errors out}', 'tracking has said "delivered" for {days|a week} and nothing came', 'the app logged me out {again|twice}',
    'the parcel went to {the wrong town|someone else|next door\'s bin}', 'the discount code expired while I was typing it',
    'the "next day" delivery took {a week|9 days|a fortnight}', 'the replacement is the wrong size too', 'the box arrived empty',
    'your site crashed at checkout', 'the courier left it in the rain', 'the chat bot sent me back to the start',
    'half my order is missing', 'the "in stock" item was never in stock', 'the instructions are for a different model',
    'my password reset email never came', 'the van came and left without knocking',
  ],
  contemptQ: [
    'does your {warehouse|packing team|delivery firm} {get any training|have a manager|know what a box is} or {is it a free for all|do they just wing it|do they make it up}',
    'does anyone {there|at your company|in your warehouse} actually {read|check|care about} {anything|these messages|what they send out}',
    'is there a single person {there|at your place} who knows what they\'re doing',
    'who {runs|manages|signs off} this {operation|shop|place}, {a toddler|a goldfish|nobody}',
    'how is this {company|shop|place} still {going|trading|in business}',
    'did {anyone|somebody} even {look at|test|try} this before {sending|selling|shipping} it',
    'do your {couriers|drivers} {get paid|get a bonus} for {throwing|losing|hiding} parcels',
    'is {incompetence|losing parcels|ignoring customers} {company policy|part of the job description|a requirement} there',
  ],
  maskedNoun: ['sh*tshow', 'cr@p', 'cluster****', 'f***ing joke', 'sh!te service', 'b*llocks', 'pile of sh*t', 'd*mn mess', 'cr*p service'],
  deadlineWhen: [
    'by lunchtime', 'by end of day', 'before end of play today', 'by close of business', 'before the school run', 'by teatime',
    'before 9 tomorrow', 'by this evening', 'before the weekend', 'first thing tomorrow', 'by the time I get home tonight',
    'before {Friday|Saturday|@day}', 'by the morning', 'in the next couple of hours', 'before my shift at {6|7|8}', 'before noon',
  ],
  event: [
    'my flight', 'the wedding', 'my {@rel}\'s party', 'the christening', 'my train', 'the interview', 'our holiday', 'the funeral',
    'my exam', 'the match', 'the school play', 'the meeting', 'the ferry', 'our move', 'the hospital appointment',
  ],
  eventTime: ['at {5|6}am tomorrow', 'at {6|7|8}{am|pm} tonight', 'tomorrow morning', 'on {@day} at {9|10|11}', 'this afternoon', 'first thing {@day}', 'in the morning', 'tonight'],
  waiter: ['the delivery guy', 'the driver', 'the courier', 'your van driver', 'the postman', 'the engineer', 'the fitter', 'the collection driver'],
  waitPlace: ['waiting in the car park', 'outside right now', 'at the door', 'stuck at the gate', 'circling the block', 'on the phone to me now', 'in the lobby'],
  obstacle: [
    'the intercom is broken', 'he can\'t find the entrance', 'he says he needs a code I don\'t have', 'I\'m stuck at work',
    'the gate is locked', 'he won\'t leave it without a signature', 'I can\'t get down there', 'he\'s about to drive off',
  ],
  moneyBack: [
    'credit me for', 'put the money back on my card for', 'reimburse me for', 'give me the cash back for', 'pay me back for',
    'refund the cost of', 'return my money for', 'sort the money back for', 'put {@money} back in my account for',
  ],
  personDid: [
    'a courier who was aggressive at my door', 'your driver for how he spoke to my {@rel}', 'a member of your staff who was rude to me',
    'the delivery guy for throwing my parcel', 'the way your agent treated me on the phone', 'your engineer who swore at my {@rel}',
    'the driver who blocked our drive and shouted at us', 'the packer who wrote something nasty on my box',
  ],
} as const;

export const round3Families: Family[] = [
  {
    labels: ['safety'],
    weight: 4,
    templates: [
      '{my|the|this} {@hazardItem} {@hazardEvent} {@hazardWhen}',
      '{my|the|this} {@hazardItem} {@hazardEvent} {@hazardWhen}{,|.|, and} {@injury}',
      '{@injury}{,|.|} {because|when|after} {the|your|my} {@hazardItem} {@hazardEvent}',
      'one of the {@hazardItem}s you sell {@hazardEvent} {@hazardWhen}',
      'the {@hazardItem} I {bought|got|ordered} {@pastday} {@hazardEvent}{, @injury|}',
      '{just so you know|heads up|fyi|I think you should know}, {the|your} {@hazardItem} {@hazardEvent}{, @injury|}',
      '{is it normal that|should} {the|my} {@hazardItem} {@hazardEvent}? {@injury}',
    ],
  },
  {
    // Traps: the same products in ordinary use, praise or questions.
    labels: [],
    weight: 3,
    templates: [
      'the {@hazardItem} {works great|is lovely|arrived safely|heats up really quickly, love it|is exactly what I wanted}',
      'does the {@hazardItem} come with a {plug|warranty|spare part|manual}?',
      'how hot does the {@hazardItem} get? {just curious|want to know for the setting}',
      'is the {@hazardItem} safe for {kids|outdoor use|a small flat}?',
      'what is the weight limit on the {stepladder|bar stool|garden chair|trampoline|bunk bed}?',
      'the {candles|fairy lights|lamp} {smell|look} {amazing|lovely|gorgeous}',
      'can I {return|exchange} the {@hazardItem}, {it\'s the wrong colour|I ordered two by mistake|wrong size}',
      'the {@hazardItem} is {a bit noisy|smaller than I thought|a different shade} but fine',
      'do you sell {spare bulbs|replacement filters|a bigger} for the {@hazardItem}?',
    ],
  },
  {
    // Praise wrapped around a failure, a wry "of course", "lol" that is not happy.
    labels: ['negative'],
    weight: 3,
    templates: [
      '{@praise}, {@failure}. of course {it did|it won\'t|it is|}.',
      '{@praise} {job|work|stuff|effort} {guys|team|everyone|}, {@failure} {lol|haha|:)|}{. it wasn\'t|. it isn\'t|. nope|}',
      '{@failure}. {@praise}. {just|really|truly} {@praise}.',
      'oh {@praise}, {@failure}{ 🙄| 🙃|}',
      '{so|and} {@failure}. {what a surprise|who could have guessed|never saw that coming|shocking, truly|colour me amazed}',
      '{@failure}, {naturally|obviously|as usual|as always|like clockwork}{.|!|...}',
      '{@failure}. {thanks|cheers|ta} {for that|a lot|so much|guys}{.|!|} {really|so} {@praise}',
      '{love|adore|just love} that {@failure}',
    ],
  },
  {
    // Contempt: rhetorical questions about the company, insults as nouns, masked swearing as a noun.
    labels: ['negative'],
    weight: 3,
    templates: [
      '{@contemptQ}{?|??|?!|}',
      '{what a|total|absolute|complete} {@maskedNoun}{ of a {courier|company|service|shop|delivery}|}',
      '{@ordinary} {honestly|seriously|frankly} {what a|total} {@maskedNoun}',
      '{your|the} {courier|service|website|app|returns process} is a {@maskedNoun}',
      '{totally|completely|utterly|frankly} {unacceptable|out of order|not on|beyond a joke}',
      '{this|that|it} is {totally|completely|absolutely} {unacceptable|out of order|not on}{, sort it out|}',
    ],
  },
  {
    labels: ['urgency'],
    weight: 3,
    templates: [
      '{is there any way|any chance|could} {to get it|I get it|it could turn up|you deliver} {@deadlineWhen}?',
      '{can|will|would} {my|the} {parcel|order|@item} {arrive|get here|be here|make it} {@deadlineWhen}?',
      '{@event} is {@eventTime}{,|.|} can I {collect|pick} it {up |}{tonight|today|this afternoon|instead}?',
      '{@event} {is|leaves} {@eventTime} so I need {it|the @item|my order} {@deadlineWhen}',
      '{@waiter} is {@waitPlace} and {@obstacle}',
      '{@waiter} is {@waitPlace}{,|.} {@obstacle}{, what do I do|, help|}',
      'I need {it|the @item} {@deadlineWhen}{, no later|, otherwise it\'s useless|, please|}',
    ],
  },
  {
    // Urgency traps: the same time words about the past, opening hours or no rush.
    labels: [],
    weight: 2,
    templates: [
      'it came {by lunchtime|before noon|first thing} {yesterday|on @day}, {thanks|great}',
      'what time {is|are} {collection|click and collect|the shop} open {tonight|tomorrow|on @day}?',
      '{whenever you can|no rush|when you get a chance}, {@ordinary}',
      '{@event} went well, {thanks|the @item was perfect}',
      'the {driver|courier} {was|came} {at the door|downstairs} {yesterday|earlier} and it\'s all fine now',
      'do you deliver {by lunchtime|before 9|in the evening} usually?',
    ],
  },
  {
    labels: ['refund'],
    weight: 2,
    templates: [
      'can you {@moneyBack} the {@item} {instead of {replacing|exchanging} it|rather than a replacement|please}',
      'I\'d rather you {@moneyBack} {it|the @item} than send another one',
      '{instead of|rather than} a {replacement|swap|voucher}, {can|could} you {@moneyBack} the {@item}?',
    ],
  },
  {
    labels: ['complaint'],
    weight: 2,
    templates: [
      'I\'d like to {report|make a report about|complain about|flag} {@personDid}',
      '{who do I|how do I|where can I} {report|complain about} {@personDid}?',
      'I want {@personDid} {looked into|investigated|dealt with|on record}',
    ],
  },
  {
    // Ordinary questions with words that look like signals: boxes, sizes, a joke about packaging.
    labels: [],
    weight: 2,
    templates: [
      '{lol|haha|ha} {the|my} {packaging|box|parcel} was {the size of a fridge|ridiculous overkill|huge for one little @item}, {anyway|but hey}, {@ordinary}',
      '{when you have a moment|no rush}, {could you tell me|what is} {the address for returns|where returns go|your warehouse postcode}?',
    ],
  },
  {
    // Traps for the new families: praise that is praise, "before" that is no deadline, past dates, "lol no".
    labels: [],
    weight: 4,
    templates: [
      '{@praise}{,|!|.} {it|the @item|my order|the parcel} {arrived|came|turned up} {early|today|already|a day early|before I expected}{ 👍| 😊| :)| lol| haha| 🙌|}',
      '{oh wow|wow|ooh|oh}, {already|that was fast|so quick|here already}? {@praise}{ 👍| 😊| :)|!|}',
      '{@praise} {job|work|service} {guys|team|everyone|}, {it all arrived|everything fits|the @item is perfect|the return was easy}{ 👍| :)|!|}',
      '{lol|haha|ha} {no|nah|nope} {all good|I\'m fine|that\'s ok|not needed}, {@ordinary}',
      '{it\'s|this is} about {my|the} {order|question|thing|message} from before',
      '{same as|like} before, {@ordinary}',
      'I\'ve {ordered|shopped|bought} {here|from you|with you} before{, @ordinary|}',
      'before I {order|buy|check out}, {@ordinary}',
      'I {placed|made} {my|the} order on the {#28}{st|th|} of {January|February|March|April|May|June|July|August|September|October|November|December}{;|,} {@ordinary}',
      '{my|the} order from {January|February|March|April|May|June|July|August|September|October|November|December} {arrived|is fine|was great}, {@ordinary}',
    ],
  },
  {
    // Asking for a person without the usual words: hand-over verbs, slang spellings, calques, refusing automation.
    labels: ['explicit'],
    weight: 3,
    templates: [
      '{transfer|pass|hand|forward|move} me {over|on|along|}{ pls| please| now| to the next level|}',
      '{can|could} i {get|have|talk to} a {hooman|hoomin|humanoid lol|real hooman}{?|}',
      '{I want|I wish|I would like|please I want} {discuss|to discuss|speak|talk} with {a responsible|the responsible|a responsable|your chief|a competent person|the person in charge}{. Is possible?|, possible?|.|}',
      '{no|no need for|stop the|enough} {automatic|automated|robot|bot|canned|auto} {answers|replies|responses|messages}{,|.} {one of your people|a real one of you|someone who works there|an actual employee} {please|pls|}',
      'I\'ll wait for {one of your people|an actual employee|someone from the team|a real one of you} to {reply|answer|get back to me|pick this up}',
      '{can|could} {a real one|one|somebody} of {you|your lot|your team} {just |}{phone|call|ring|email|message|text} me{?|}',
      '{is|are} there {any|real|actual} {humans|people|staff} {working|on shift|online|behind this} {today|right now|at all}{?|}',
      '{i need|i want|get me} {the|your} {complaints|returns|accounts|billing|delivery} {person|guy|lady|people|desk}',
    ],
  },
  {
    // Sarcasm with a rating or a quoted promise, contempt, foreign exclamations with capitals.
    labels: ['negative'],
    weight: 3,
    templates: [
      '{absolutely love|just love|really enjoy|adore} {paying for|waiting for|getting} {@failure}. {stellar|superb|outstanding|flawless}. {10/10|five stars|A+|would recommend}',
      'so the \'{easy returns|fast delivery|24/7 support|next day shipping}\' you advertise means {@failure}. {easy|fast|great|sure}. {sure|right|okay|totally}.',
      'oh sure, \'{within 2-4 business days|dispatched today|out for delivery|we\'ll get back to you}\'. {which business days|which today|which delivery|when exactly}, the ones in {2030|next decade|a parallel universe}?',
      '{waited|sat} on hold {45 minutes|an hour|forever} and then got {handed|passed|sent} to {this bot|a robot|an FAQ}. {brilliant|great|top} {customer care|service|support}, {really|truly|honestly}.',
      'great, {the bot|this chat|your system} {doesn\'t understand me either|is as useless as the website|forgot me again}. {perfect|lovely|ideal} {end to the week|start to my day|way to spend my lunch}',
      '{you people|you lot|your company|this place} {are|is} {impossible|a nightmare|exhausting|hopeless} to deal with',
      '{ur|your} {checkout|app|website|tracking page} is {actual|genuine|absolute|pure} {trash|garbage|junk}, {froze|crashed|logged me out} {on me |}{3|three|four} times',
      '{how does|how did} a parcel go from {Leeds|London|Bristol} to {Manchester|Leeds|Bath} via {Belgium|Spain|the moon}. {genuinely|honestly|truly} {clownish|comical|a circus|embarrassing}',
      '{Grabe|Putain|Merde|Blin|Nossa|Dios mío|Yaa|Mou}{,|!|.} {@failure}{!!|!!!|.} {SERIOUSLY|UNBELIEVABLE|TWO WEEKS|STILL NOTHING}',
    ],
  },
  {
    labels: ['cancellation'],
    weight: 2,
    templates: [
      'I don\'t want {order @ordno|the @item|this order|it} anymore, {can you|could you|please} {stop it from being sent|stop it going out|pull it before it ships|keep it from shipping}{?|}',
      '{yeah so|ok so|actually} i changed my mind on the {@item}, {call off|scrap|kill|drop} the order',
      '{please|kindly} {halt|stop|abort|scrap} {my|the} order before {dispatch|it leaves|it is packed}',
      '{changed my mind|don\'t need it anymore|found it cheaper}{,|.} {don\'t send|do not ship|stop} {the @item|my order|it}',
    ],
  },
  {
    labels: ['billing'],
    weight: 2,
    templates: [
      '{our|the} {finance team|accounts department|bookkeeper} {notes|says|spotted} {that|} invoice {@ordno} {lists|shows|bills} {#90} units {at @money|}; we {ordered|received|got} {#40}. {Kindly|Please} {advise|send a corrected invoice|correct it}.',
      'there\'s a \'{NWG PLUS|NW MEMBERSHIP|NORTHWIND CLUB|NWG*SUBS} {9.99|4.99|12.00}\' {line|charge|payment} on my {card|bank} statement {every month|each month|again} and I don\'t remember {signing up|agreeing to|subscribing to} {anything like that|it|any plan}',
      'the invoice {says|shows} {#9} items but {the box had|we got|only} {#5}{, please fix the bill|, why am I billed for more|}',
    ],
  },
  {
    labels: ['complaint'],
    weight: 2,
    templates: [
      'I want this {written up|recorded|logged} {officially|formally|as a complaint}: {the pick-up point staff|your driver|the shop assistant|the warehouse} {refused my parcel twice|was rude to me|threw my box}',
      '{Je voudrais faire une réclamation|Quiero poner una queja|Şikayet etmek istiyorum|Gusto kong mag-reklamo|Хочу подать жалобу} {officielle|formal|} about {my last order|the delivery|your driver} {please|}',
    ],
  },
  {
    labels: ['damaged'],
    weight: 2,
    templates: [
      '{one leg|the handle|a wheel|the hinge|the lid|the strap|a drawer front} {snapped clean off|came off|broke off|fell off|is cracked through}',
      '{the @item|it} arrived{,|.|} {one leg|the handle|the glass|the base|the screen} {snapped|is cracked|is smashed|broke} {in the box|on arrival|straight away|}',
    ],
  },
  {
    // Negated complaints and topics, and happy shouting: ordinary.
    labels: [],
    weight: 4,
    templates: [
      '{zero|no|not a single|not one} {complaints|complaint|issues|problems} {about|with} {the last one|my last order|you|the @item}{!|.|} {@ordinary}',
      '{honestly|seriously|genuinely} {can\'t|cannot|couldn\'t} fault {you guys|you|the service|your team}{,|.} {second|third|another} order this {month|year|week}. {@ordinary}',
      'I don\'t want {my money back|a refund|to cancel|to complain|a replacement}, I just want to know {where the parcel is|when it arrives|the tracking number|if it shipped}',
      '{how late|until when|how long after ordering} can an order be {cancelled|changed|returned}, generally? I\'m not {cancelling|returning|changing} anything, just {asking|checking|curious} before I order',
      'I {spoke|talked|chatted} to someone {on the phone|in store|last week} and they {sorted|fixed|handled} my {return|refund|exchange}, I just want the tracking number {for the return parcel|for it|please}',
      '{OMG|OH MY GOD|WOW|YAY|AAAH} I {LOVE|ADORE} {IT|THEM|THIS|MY @item} SO MUCH{!!!|!!|!!!!} {THANK YOU|THANKS|YOU ARE THE BEST}{!!!|!!|}',
      '{THANK YOU SO MUCH|BEST SHOP EVER|SO HAPPY}{!!!|!!} {it arrived early|the @item is perfect|my @rel loves it}{!|}',
    ],
  },
  {
    // Plain reports of a late or stuck order, asked calmly: ordinary (the failure words alone are not anger).
    labels: [],
    weight: 4,
    templates: [
      '{my|the} {order|parcel|@item} {hasn\'t arrived|hasn\'t come|isn\'t here} yet, {where is it|can you check|any update|what\'s the status}?',
      '{tracking|the tracking page} {hasn\'t updated|still says "in transit"|shows no movement} {since @day|for a couple of days|yet}, {can you check|is that normal|any news}?',
      'I {just wanted to say|wanted to let you know} how {lovely|nice|soft|beautiful} the {@item|tea towels|mugs|cushions} {are|is}{.|!|}',
      '{quick one|just checking}: {the code|the link|my login} {didn\'t work|expired|isn\'t working} {the first time|earlier}, {how do I|can I} {get a new one|try again}?',
      '{Could you tell me|Do you know} {who wrote|what year|how many} {Pride and Prejudice|the Eiffel Tower was built|legs a lobster has}{?|, out of interest?}',
      '{Is it true that|Did you know} {goldfish have a three-second memory|cats sleep all day|the moon is drifting away}?',
      '{what\'s|what is} a good name for a {goldfish|puppy|cat|plant}?',
    ],
  },
  {
    // Patience run out, told as a list of what the customer already did: negative only, no topic (the
    // everyday words of the story, "extra week", "card through the door", "paid extra for tracking", are not billing or refunds).
    labels: ['negative'],
    weight: 3,
    templates: [
      'I\'ve been {patient|polite|reasonable}, I\'ve {waited the extra week|waited the extra days|given you the extra time} you asked for, I {rearranged my plans|took a day off|stayed in} {twice|three times} {for the driver|for nothing}, and {frankly|honestly} I\'m {at the end of my tether|done|fed up|exhausted by this}.',
      'so I {came back|got home} {from holiday|from work|after a week away} expecting {my order|the parcel} to be {waiting|there}, and instead there\'s a card through the door, and the depot is {an hour|miles} away{, and its hours don\'t match the website|}, and {honestly|frankly} I\'m {just exhausted|worn out|drained} and {annoyed|fed up} by the whole thing.',
      '{right|ok|so}. I {ordered|bought} the {@item} {@pastday}, {paid extra for tracked delivery|paid for express|chose next day}, got {an email|a text} saying it was {dispatched|on its way}, then {another|one more} saying it was {delayed|held at the hub|rescheduled}, and {since then|now} {nothing|the tracking just spins|silence}. {honestly|frankly} I\'m {not even surprised|past caring} anymore, just {done with you lot|tired of this|fed up}.',
      '{@praise}{,|.} {only|just} took you {a month|three weeks|ten days} to {lose|misplace|send back} my {package|parcel|order}',
      '{oh fantastic|oh wonderful|brilliant}, tracking still says \'{label created|awaiting collection|processing}\'. {eleven|nine|twelve} days. {truly|really|simply} {world class|first class|top tier} {logistics|service|work} {👏|🙌|}',
      'so {shipping|delivery|postage} costs more than the {actual product|item itself|thing I bought}?? {are you serious|you\'re kidding|really}??',
    ],
  },
  {
    // How-to questions about sending things back: ordinary (money back is the refund topic, sending back is not).
    labels: [],
    weight: 3,
    templates: [
      '{ok but |so |}how do I {send|post|ship|take} {it|the @item|them|the trainers|my order} back{?|}',
      '{where|how} {do I|can I|should I} send {it|the @item|returns} back {to|from}{ you| the UK| abroad|}?',
      'can I {drop|bring|take} {it|the @item} back {to a shop|in store|at a post office}?',
      'do I {need|have} to {print a label|use the original box|pay postage} to send {it|the @item} back?',
    ],
  },
];
