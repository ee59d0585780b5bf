/** 会議資料's public face: the blocks a slide can show and the demo deck (the registry takes the operations from app.ts). */
export { DECK_BLOCKS } from './blocks';
export { loadDeckDemo } from './demo';
