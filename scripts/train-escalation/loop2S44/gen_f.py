# Added after the first measurement: the 15 loops about the customer's own refund are relabelled sensitive_topic (the
# support flow names refunds a sensitive topic, so its first message hands over as that); these 15 loops replace them.
EXTRA = [
('terse', 'loop', 'gift receipt', ["gift receipt?", "can u put a gift receipt in", "no prices in the box pls, gift receipt"]),
('terse', 'loop', 'saturday delivery', ["saturday delivery?", "do u deliver on saturdays", "can it come on a sat"]),
('terse', 'loop', 'assembly', ["does the wardrobe come assembled", "is it flat pack or built", "wardrobe. assembled or not"]),
('rambling', 'loop', 'assembly', ["We're thinking about the big oak wardrobe but my husband is hopeless with a screwdriver, so does it arrive already put together or do we have to build it", "I mean does it come flat packed or in one piece", "Is the oak wardrobe delivered assembled?"]),
('rambling', 'loop', 'neighbour', ["I'm out at work all day and I've got a parcel coming, would the driver be able to leave it with my neighbour at number twelve, she's always in", "Can they leave it next door if I'm not home", "Is it alright for the courier to give it to a neighbour?"]),
('rambling', 'loop', 'gift receipt', ["It's a present for my mum so I don't really want the price showing anywhere in the parcel, could you put a gift receipt in instead of the normal one", "I'd like a gift receipt rather than the invoice inside", "Can you include a gift receipt with no prices?"]),
('sarcastic', 'loop', 'neighbour', ["Can the driver leave it with a neighbour or must I take the day off", "A neighbour. Next door. Humans who live near me.", "Leave with neighbour: possible or not"]),
('sarcastic', 'loop', 'assembly', ["Does the wardrobe come built or is it a free puzzle", "Assembled. Or flat pack. Which one.", "Is it delivered in one piece, yes or no"]),
('sarcastic', 'loop', 'saturday delivery', ["Do you deliver on Saturdays or do vans rest at weekends", "Saturday. Delivery. Possible?", "Can it arrive on a Saturday"]),
('non-native', 'loop', 'neighbour', ["The driver can leave the parcel to my neighbour?", "If I am not home, give to neighbour is ok?", "Neighbour can take my parcel, yes?"]),
('non-native', 'loop', 'assembly', ["The wardrobe come already mounted or I must build?", "I ask if is in pieces or ready", "Wardrobe arrive assembled or no?"]),
('non-native', 'loop', 'gift receipt', ["Is for present, you can put receipt without price?", "Gift receipt, without price, is possible?", "Please no price in the box, only gift receipt"]),
('polite-indirect', 'loop', 'neighbour', ["I was wondering whether the driver might leave my parcel with a neighbour if I'm out", "Sorry, I meant leaving it next door rather than taking it back to the depot", "Would it be alright for it to go to a neighbour, do you think?"]),
('polite-indirect', 'loop', 'saturday delivery', ["Might it be possible to have a delivery on a Saturday?", "Sorry, I was asking about Saturday delivery in particular", "Would a Saturday delivery be something you offer?"]),
('polite-indirect', 'loop', 'gift receipt', ["I wonder if it might be possible to include a gift receipt in my order?", "I'm sorry, I meant a receipt without the prices on it", "Would you be able to put in a gift receipt rather than the usual one?"]),
]
RELABEL = {'refund when', 'refund card', 'refund status', 'late refund'}
