// Session 50 (emerg7, hostile s49 H3, M5, M7, M12): the set written BEFORE the change (22:50 UTC, before any code), in
// five voices (calm and formal; panicked lower case; slips and shorthand; a learner's English; the thing or the person
// named in the clause before, then a pronoun). Negatives share the words: over or long ago, negated, a question about a
// product or what might happen, a joke or a figure, someone else's story, a number that is no call.
// The hostile report's own wordings are REPORTED (the finding, not the set); HELD_OUT_* were written after the code.

/** Hostile s49 H3, M5, M12, as reported (a live hazard or a danger now). */
export const REPORTED: string[] = [
  "someone broke in and they're still in the house",
  'the gas hob won\'t turn off and the flame is huge',
  'the washing machine flooded and water is in the plug sockets',
  'water is pouring onto the electrics and sparking',
  "the battery pack is swelling and hot to touch, it's hissing",
  "the smoke alarm has been going off for 10 minutes and I can't find where its coming from",
  'water everywhere and the ceiling is sagging above the kids bedroom',
  'there is a strange burning smell from the extension lead and it is very hot',
];

/** A live hazard now: the safety line first, then the person (emergency). */
export const LIVE_POSITIVES: string[] = [
  // water and electricity
  'Good evening. Water is leaking through the light fitting in the kitchen ceiling and the lights are flickering.',
  'help the dishwasher leaked and theres water all round the sockets',
  'watr coming thru ceiling into the light, its buzzing',
  'the pipe is broken and water go into the electric sockets',
  'The fridge leaked overnight and now the extension lead is sitting in a puddle. It is still switched on.',
  // sparks, a plug or lead hot and burning
  'The socket behind the sofa is sparking every time the heater clicks on.',
  'omg the plug is melting and there is a burning smell',
  'charger v hot + smells of burning plastic',
  'the cable of the kettle is very hot and it smell like burn',
  'I plugged in the lamp you sent. It is crackling and the plug is scorching hot.',
  // a battery swelling, hissing, smoking
  'The power bank I bought has swollen up and is very hot to the touch.',
  'my laptop battery is bulging and making a hissing noise',
  'scooter battery swelling n smoking a bit, in the hallway',
  'the phone battery is become big and very hot, it make noise',
  'I left the e-bike charging. Its battery is now puffed up and crackling.',
  // a smoke alarm going off with no cause found
  'The smoke alarm is going off and I can smell smoke but cannot see where it is from.',
  "the fire alarm wont stop and theres a burning smell somewhere in the house",
  'smoke alarm going off for ages cant find any reason',
  // the ceiling coming down, water pouring in
  'The ceiling in the bathroom is bulging with water and has started to crack.',
  'ceiling is sagging and water is pouring through the light',
  'the roof is leak very much and ceiling is falling down',
  // a gas flame that will not go out
  'The gas burner on the hob will not switch off and the flame keeps getting bigger.',
  'cant turn the gas cooker off!! flames are massive',
];

/** No live hazard now: no emergency (the topic or an answer may still follow). */
export const LIVE_NEGATIVES: string[] = [
  // over, long ago
  'the socket sparked once last week, an electrician fixed it, can I claim?',
  'my power bank swelled up last year so I stopped using it, do you recycle them?',
  'the candle set fire to the shelf, it\'s out now, what do I do about a refund',
  'the ceiling came down in March and the repair is done, how do I send the invoice?',
  // negated
  'no sparks or burning smell, the kettle just will not switch on',
  'the battery is not swollen or hot, it just will not hold a charge',
  'the dishwasher leaked a little but nowhere near the sockets, it is all mopped up',
  // a question about a product or what might happen
  'is it normal for the charger to get a bit warm?',
  'what should I do if a battery starts to swell?',
  'do you sell smoke alarms that link together?',
  'can water damage to the ceiling be claimed on my policy?',
  'how hot should the extension lead get with a heater on it?',
  // a figure, a joke
  'the price of these batteries is making my blood boil lol',
  'my phone battery is on its last legs haha, when is the new model out?',
  'this sale is electric, the deals are sparking joy',
  // a device fault, not a danger
  'the smoke alarm beeps every minute, I think the battery is low',
  'the smoke alarm goes off every time I make toast, is it too sensitive?',
  'my phone gets hot when I play games for hours, is that covered?',
  // someone else's story
  "my neighbour's ceiling fell in last winter, does your policy cover that?",
];

/** A break-in or a danger at the first question of a flow (hostile s49 H3). */
export const AT_FIRST_QUESTION: string[] = [
  "someone broke in and they're still in the house",
  'the gas hob won\'t turn off and the flame is huge',
  'the washing machine flooded and water is in the plug sockets',
  'my toddler pulled the TV over on himself',
  'there is somebody in my house right now, I am hiding upstairs',
];

/** "999" / "112" / "911" as a call (an emergency said). */
export const NUMBER_POSITIVES: string[] = [
  'I have called 999, the kitchen is on fire',
  'should I ring 999? my dad collapsed',
  'we need 112 right now, there was a crash outside the shop',
  'dialling 911 now, the heater exploded',
  'on the phone to 999 as we speak, my son fell off the trampoline you sold us',
];

/** "999" / "112" / "911" inside a number: an address, a phone number, an amount, a reference, a model (hostile s49 M7). */
export const NUMBER_NEGATIVES: string[] = [
  'do you deliver to 999 Letsby Avenue?',
  'you can call me on 0161 999 4321 if easier',
  '0800 111 999',
  'my number is 07700 900 112',
  'Flat 112, 4 Harbour Road, Leeds',
  'I live at 911 Oak Street, is that in your area?',
  'the item code is 999-B, is it in stock?',
  'is the 999 model waterproof?',
  'my order number is 112 445 99',
  'do you ship to postcode 999 0911?',
];

/** Written after the code (see docs/history.md "Session 50 (emerg7)"). */
// (Written at 23:58 UTC, after the code; first run reported in docs/history.md "Session 50 (emerg7)".)
export const HELD_OUT_LIVE_POSITIVES: string[] = [
  'the bath overflowed and water is dripping onto the fuse box downstairs',
  'HELP the socket in the kitchen is crackling and smoking',
  'my vape battery is swelling up and hissing on the table',
  'the carbon... no, the SMOKE alarm is going off and I can smell burning but there is no smoke anywhere',
  'kitchen ceiling bowing down full of water from the flat above',
  'the gas ring wont go off, the flames are shooting up the wall',
  'Our hallway light is full of water and keeps flickering.',
  'the adaptor is melting in the wall socket and there is a horrible burning smell',
];
export const HELD_OUT_LIVE_NEGATIVES: string[] = [
  'the water heater you installed is leaking a little onto the floor, can someone come next week?',
  'my old power bank swelled up years ago, is this new model safer?',
  'how do I stop the smoke alarm going off when I cook?',
  'the ceiling light you sent has a scratch on it',
  'my phone battery drains fast and gets a bit warm, can I return it?',
  'the gas hob ignition clicks but the flame will not light',
  'we had a leak under the sink but the plumber fixed it, can I claim?',
  'is the extension lead safe to use outdoors in the rain?',
];
export const HELD_OUT_NUMBER_POSITIVES: string[] = [
  'just rang 999, the man is still outside',
  'do I call 112 or you? my daughter swallowed a battery',
  'phoning 911 now the shed is on fire',
];
export const HELD_OUT_NUMBER_NEGATIVES: string[] = [
  'my flat is number 999 on the 9th floor',
  'the total came to 112 euros, why?',
  'text me on 07911 999 123',
  'unit 911, Riverside Trading Estate',
  'I ordered 112 stickers but only got 100',
];
