export { requireProgram } from './systemPrograms';
