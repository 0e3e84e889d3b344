/**
 * Whether the canvas draws nodes and edges in full: always on a small graph;
 * on a large one (largeGraph.ts) only once the view is zoomed in far enough
 * to read them. Below that, a node is its box, colour and name, and an edge
 * its line.
 */
import { createContext } from 'react';

export const FullDetail = createContext(true);
