/** 会議資料's public face: nothing yet beyond its operations (the registry takes them from app.ts). */
export { DECK_BLOCKS } from './blocks';
