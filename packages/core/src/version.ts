/** The synthgraph version recorded in every manifest. */
export const version = '0.1.0';
