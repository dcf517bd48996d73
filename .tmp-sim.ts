import { similarity } from './shared/nlu/similarity';
const pairs = [["where is my order","where is my order"],["where is my order","wher is my ordr"],["where is my order","my order where is"],["where is my order","what is the capital of peru"],["where is my order","is my cat sick"],["refnud","refund"],["card","cart"],["I want a refund","refund"],["track my package","where is my parcel"],["cancel order","cancel my order please"]];
for (const [a,b] of pairs) console.log(a,'|',b,similarity(a,b).toFixed(3));
