import { sentimentDetail } from './shared/nlu/sentiment';
import vader from 'vader-sentiment';
import data from './test/fixtures/nlu/sentiment.json';
const extra = ["The book was good.","The book was kind of good.","The plot was good, but the characters are uncompelling and the dialog is not great.","At least it isn't a horrible book.","Make sure you :) or :D today!","Today SUX!","Today only kinda sux! But I'll get by, lol","Not bad at all","VADER is VERY SMART, handsome, and FUNNY!!!","I am not happy","never so good","I don't really like it"];
let same = 0, n = 0;
for (const t of [...data.map(d => d.text), ...extra]) { n++; const a = sentimentDetail(t).vaderScore; const b = vader.SentimentIntensityAnalyzer.polarity_scores(t).compound; if (Math.abs(a - b) < 0.01) same++; else console.log(a, b, t); }
console.log(same, '/', n);
