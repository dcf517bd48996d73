// Scratch (session 40 ci): a deliberate type error, to show .ci/run fails on one. Reverted at once.
export const notANumber: number = 'forty';
