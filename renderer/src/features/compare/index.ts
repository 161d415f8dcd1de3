export { CompareChoice, CompareView } from './CompareView';
