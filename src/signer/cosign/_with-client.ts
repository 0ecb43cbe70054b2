/**
 * The registry client's lifetime in the sign and verify use cases: a client the caller passes stays open (the
 * caller closes it); one made for the call is closed when the call ends, whatever its outcome.
 */
export async function withClient<C, R>(given: C | undefined, make: () => C & { close(): void }, use: (client: C) => Promise<R>): Promise<R> {
  if (given !== undefined) return use(given);
  const made = make();
  try {
    return await use(made);
  } finally {
    made.close();
  }
}
