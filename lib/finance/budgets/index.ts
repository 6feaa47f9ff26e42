export * from "./evaluate";
export * from "./match";
export * from "./period";
export * from "./spending";
