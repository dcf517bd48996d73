// Session 49 (emerg6, hostile s49 H4, H5): the set written BEFORE the change. A person hurt or ill now said in plain
// words (a fall and can't get up, swelling / an allergic reaction, confused and drowsy, bleeding, glass or a cut in the
// body) and a threat or violence happening now, in five voices (calm and formal; panicked lower case; slips and
// shorthand; a learner's English; the person named in the clause before or a pronoun). Negatives share the words: long
// ago and dealt with, a hypothetical, someone else's story, an idiom, a question about a product, a thing not a person.
// The hostile report's own wordings are REPORTED (the finding, not the set); HELD_OUT was written after the code.
export const REPORTED: string[] = [
  "my mum fell down the stairs carrying your box and can't get up",
  'allergic reaction to the face cream, my throat is swelling up',
  'the heater fumes gave my grandma a headache and she is confused and drowsy',
  'the glass table shattered and my daughter has glass in her foot',
  'someone is threatening me outside my door because of a parcel',
  // (emerg2.jsonl's F9, in the report's H4 list too.)
  'my toddler pulled the TV over on himself',
];

export const POSITIVES: string[] = [
  // a fall, can't get up / move
  'my dad has fallen in the garden and he cant get up',
  'Good afternoon. My elderly mother has had a fall in the bathroom and is unable to get up.',
  "nan slipped on the wet floor and she can't move her leg",
  "i fell off the step ladder you sold me and i can't stand up",
  'my mother fall from stair, she cannot stand up',
  // swelling, an allergic reaction
  "my son's face is swelling up after using the sun cream",
  'my lips and tongue are swelling after eating the snack bar',
  'Hello, I believe my daughter is having a reaction to the shampoo, her eyes are swollen shut and she is wheezing.',
  'allergic reaction!! my throat feels tight and i can hardly swallow',
  "he's come out in hives all over and his throat is closing up",
  // confused, drowsy, not making sense
  'my grandad is suddenly very confused and drowsy and his speech is slurred',
  'my wife is really drowsy and confused and keeps being sick',
  "help my husband fell off the ladder and hit his head, he's not making sense",
  "mum is confused and doesn't know where she is",
  // bleeding
  "my son cut his hand on the broken jug and there's blood everywhere",
  "I sliced my finger on the mandoline and it's pouring with blood",
  'the blade slipped and my wife has a deep cut on her arm',
  'pls help my boy has glass in foot bleeding lots',
  // glass, cuts
  'the shower screen exploded and my son has glass in his leg',
  'my daughter stepped on the broken glass and it is stuck in her foot',
  'the mirror fell on my little girl and she has cuts all over her face',
  // a threat or violence now
  'someone is trying to break into my house right now',
  'there is a man outside my door shouting that he will hurt me',
  'my ex is here and he is threatening me',
  "your delivery driver is being aggressive and won't leave my doorstep, I'm scared",
  'a man is following me and I am scared',
  'help someone is attacking my neighbour',
  'the courier pushed me and is still shouting at me outside',
  'my neighbour has a knife and is threatening us',
];

export const NEGATIVES: string[] = [
  // long ago, dealt with
  'my mum fell down the stairs last year, is the stair gate back in stock?',
  "I had an allergic reaction to the cream last month, it's cleared up now, can I get a refund?",
  "my son cut his finger on the packaging yesterday, he's fine now, but please make it safer",
  'the delivery man was rude to me last week',
  // hypothetical, a question about a product
  'what should I do if someone is allergic to the face cream?',
  'is this safe for a toddler?',
  'could the glass table shatter if a child climbs on it?',
  'is the kettle safe if my toddler touches it?',
  // someone else's story
  'in the film the hero has an allergic reaction and his throat swells up, do you have the dvd?',
  'my friend told me her dad fell off a ladder once, do you sell safety ladders?',
  // idioms
  'this price is killing me',
  "I'm dying to know when the sale starts",
  'my feet are killing me after the queue, anyway where is my order',
  'my sister threatened to buy me the same jumper, can I gift wrap it?',
  'the kids are fighting over the last box, can I order two?',
  'I fell for your advert and ordered three, can I cancel two?',
  "I'm so confused by your website, where do I enter the discount code?",
  // a thing, a habit
  'the colour is bleeding in the wash, can I return the shirt?',
  'the phone case is a bit swollen after the heat, can I return it?',
  'the glass in the frame arrived cracked',
  'my ankles swell on long flights, do you sell compression socks?',
  "my husband can't get up in the mornings, does the alarm clock have a snooze?",
];

// Written after the first change but BEFORE the code for a heavy thing fallen on a person (the report's F9): its own
// small set, both directions.
export const CRUSH_POSITIVES: string[] = [
  'the wardrobe fell on my daughter',
  'the bookcase toppled onto my son and he is trapped underneath',
  'my dad is pinned under the shelving unit',
  'the flat pack cabinet tipped over on top of my little girl',
];
export const CRUSH_NEGATIVES: string[] = [
  'the TV fell off the stand but luckily nobody was near it',
  'the shelf fell on my car, can I claim?',
  'the wardrobe fell over during delivery and is scratched',
  'what if the bookcase falls on my kids? do you sell wall straps?',
];

// Written AFTER the change (never used to tune it).
export const HELD_OUT_POSITIVES: string[] = [
  'grandpa tripped over the cable and is lying on the floor, he cannot get up',
  'my wife collapsed in the shop and she is not able to stand',
  'I slipped in the shower and I cant move my legs',
  'my little boy ate a peanut biscuit and his lips are swelling up',
  "she's got hives and her tongue is swollen",
  'bee sting, his whole face is puffing up and his throat feels tight',
  'my father is drowsy and disorientated after the boiler fumes',
  "my son banged his head on the shelf and now he's confused",
  'my girlfriend is slurring and very drowsy',
  'I dropped the knife and there is blood everywhere',
  'my husband has a nail stuck in his foot from the pallet you delivered',
  'the vase smashed and my son has a nasty gash on his head',
  'there are two men trying to break into my flat',
  'a guy at my front door is threatening to hurt me',
  'someone pulled a knife on me outside the shop',
  'my neighbour is beating his wife next door, I can hear it',
  "the driver is banging on my door and shouting, I'm terrified",
  // (crush, written after its code)
  'the chest of drawers has fallen on top of my son',
  'my nan is trapped under the fridge',
  'help the telly fell onto the baby',
];
export const HELD_OUT_NEGATIVES: string[] = [
  'I fell over laughing at your advert',
  'my gran falls asleep in the recliner, can I get the bigger size?',
  "I'm confused about which size to order",
  'my eyes are swollen from crying at the film you sold me, five stars',
  'does the lip plumper make your lips swell?',
  'the knife set arrived with a cut in the box',
  'a customer threatened to leave a bad review on my shop',
  'the blood pressure monitor reads wrong',
  "my wife will kill me if this doesn't come by Friday",
  'someone broke into my car last month and stole the parcel',
  'what should I do if someone tries to break in while I am away?',
  "I'm scared the parcel won't arrive in time",
  // (crush, written after its code)
  'the mirror fell onto the floor and smashed',
  'my son is stuck under the bed looking for the remote',
  'the cabinet fell on the dog bed but the dog was out',
];
