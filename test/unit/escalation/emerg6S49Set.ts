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

// Written AFTER the change (never used to tune it).
export const HELD_OUT_POSITIVES: string[] = [];
export const HELD_OUT_NEGATIVES: string[] = [];
