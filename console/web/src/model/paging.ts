// Paging through a List action's nextToken: the first pages again (to refresh what is shown),
// or one page more.

/** One page of a List action. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** The pages read so far: their items in order, the token of the next page, how many pages. */
export interface Pages<T> {
  items: T[];
  nextToken?: string;
  pages: number;
}

export type PageReader<T> = (nextToken?: string) => Promise<Page<T>>;

/** Reads the first `count` pages (fewer when the list ends first). */
export async function firstPages<T>(read: PageReader<T>, count: number): Promise<Pages<T>> {
  let out: Pages<T> = { items: [], pages: 0 };
  do {
    out = await morePages(read, out);
  } while (out.nextToken && out.pages < count);
  return out;
}

/** Reads the page after `current` and appends it. */
export async function morePages<T>(read: PageReader<T>, current: Pages<T>): Promise<Pages<T>> {
  const page = await read(current.nextToken);
  return { items: [...current.items, ...page.items], nextToken: page.nextToken, pages: current.pages + 1 };
}
