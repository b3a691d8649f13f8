package dev.aegis.cli.demo;

/**
 * One chapter of {@code aegis demo}: a capability shown through real calls, narrated. Chapters run in the order of
 * {@link DemoChapters#all()} and may use what earlier ones left in the {@link Demo} (tenants, keys).
 */
interface DemoChapter {
  /** A short heading, such as "Tenants and keys". */
  String title();

  /** Why this matters, in a sentence or two; printed under the heading. */
  String why();

  /** Makes the calls, narrates each, and throws {@link DemoFailure} when an answer is not the promised one. */
  void run(Demo demo);
}
