// The map's colours, shared by its layers, its legend and the event panel.

export const EVENT_COLOURS = {
  Battles: "#d7301f",
  "Explosions/Remote violence": "#f28e2b",
  "Violence against civilians": "#7b2cbf",
  Protests: "#1f78b4",
  Riots: "#2ca02c",
  "Strategic developments": "#6c757d",
};

// Control is coloured by the holder's side in the actor table (resolve/data/actors/actors.toml: `side`).
export const SIDE_COLOURS = {
  government: "#c0392b",
  opposition: "#2e8b57",
  jihadist: "#262626",
  kurdish: "#e0b000",
  turkey: "#5dade2",
  coalition: "#1f4e9c",
  israel: "#8e44ad",
  "arab-tribes": "#a0522d",
  druze: "#16a085",
  civilians: "#95a5a6",
  unknown: "#95a5a6",
};
// Holders told apart within a side (both jihadist, both Kurdish-led): these ids win over the side's colour.
export const HOLDER_COLOURS = {
  "islamic-state": "#1a1a1a",
  hts: "#6b7a2a",
  sdf: "#e0b000",
  ypg: "#f0c800",
};

/** A holder's colour: its own (HOLDER_COLOURS), else its side's, else grey. */
export const holderColour = (holderId, side) => HOLDER_COLOURS[holderId] ?? SIDE_COLOURS[side] ?? SIDE_COLOURS.unknown;

export const CONTESTED_COLOUR = "#ff00c8";
