package dev.aegis.core.audit;

import dev.aegis.core.audit.AuditVerification.Broken;
import dev.aegis.core.audit.AuditVerification.Problem;
import java.util.List;

/**
 * Recomputes a tenant's chain entry by entry, oldest first, and stops at the first entry that does not check out:
 * its sequence must follow the one before, its previous hash must be that entry's hash, and its content must give
 * its hash. At the end the chain must stop where the authentic head says.
 */
public final class AuditVerifier {
  /** How many entries {@link #verify} reads at a time. */
  public static final int PAGE = 1000;

  private final AuditChain chain;
  private final AuditHead head;
  private long checked;
  private long lastSequence;
  private String lastHash = AuditChain.GENESIS;
  private String lastId;
  private Broken broken;

  /**
   * @param head the stored head the chain must end at, or null when there is none
   */
  public AuditVerifier(AuditChain chain, AuditHead head) {
    this.chain = chain;
    this.head = head;
  }

  /** Reads the tenant's chain from the log, a page at a time, and checks it. */
  public static AuditVerification verify(AuditLog log, AuditChain chain, String tenantId) {
    AuditLog.ChainEnd end = log.end(tenantId);
    long upTo = Math.max(end.lastSequence(), end.head() == null ? 0 : end.head().sequence());
    AuditVerifier verifier = new AuditVerifier(chain, end.head());
    long after = 0;
    while (after < upTo) {
      List<AuditEntry> page = log.chain(tenantId, after, upTo, PAGE);
      for (AuditEntry entry : page) {
        if (!verifier.check(entry)) {
          return verifier.finish();
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.getLast().sequence();
    }
    return verifier.finish();
  }

  /** Checks the next entry; false once the chain is broken, after which nothing more is looked at. */
  public boolean check(AuditEntry entry) {
    if (broken != null) {
      return false;
    }
    checked++;
    long expected = lastSequence + 1;
    if (entry.sequence() != expected) {
      broken = new Broken(entry.sequence(), entry.id(), Problem.SEQUENCE_GAP, entry.sequence() > expected
          ? "entry " + expected + (entry.sequence() - expected > 1 ? " to " + (entry.sequence() - 1) : "")
              + " missing: entry " + entry.sequence() + " follows entry " + lastSequence
          : "entry " + entry.sequence() + " follows entry " + lastSequence + " out of order");
    } else if (head == null || entry.sequence() > head.sequence()) {
      broken = new Broken(entry.sequence(), entry.id(), Problem.HEAD_MISMATCH, head == null
          ? "there are entries but no head: the head was removed, or the entries written around Aegis"
          : "the chain goes on past its head at entry " + head.sequence() + ": entries were added around Aegis");
    } else if (!lastHash.equals(entry.previousHash())) {
      broken = new Broken(entry.sequence(), entry.id(), Problem.PREVIOUS_HASH_MISMATCH,
          "its previous hash is not the hash of entry " + lastSequence);
    } else if (!chain.hashMatches(entry)) {
      broken = new Broken(entry.sequence(), entry.id(), Problem.HASH_MISMATCH,
          "its content does not give its hash: the entry was changed after it was written");
    } else {
      lastSequence = entry.sequence();
      lastHash = entry.hash();
      lastId = entry.id();
      return true;
    }
    return false;
  }

  /** The outcome, once every entry has been offered. */
  public AuditVerification finish() {
    if (broken == null) {
      broken = checkHead();
    }
    return new AuditVerification(broken == null, checked, head, broken);
  }

  private Broken checkHead() {
    if (head == null) {
      return null; // and no entries, or check() would have said so
    }
    if (head.sequence() > lastSequence) {
      long first = lastSequence + 1;
      return new Broken(first, null, Problem.HEAD_MISMATCH, "the head says the chain ends at entry "
          + head.sequence() + ", but it ends at entry " + lastSequence + ": entr"
          + (head.sequence() == first ? "y " + first + " was" : "ies " + first + " to " + head.sequence() + " were")
          + " removed from the end");
    }
    if (!head.hash().equals(lastHash)) {
      return new Broken(lastSequence, lastId, Problem.HEAD_MISMATCH,
          "the head's hash is not the hash of the last entry, " + lastSequence);
    }
    if (!chain.headIsAuthentic(head)) {
      return new Broken(lastSequence, lastId, Problem.HEAD_MISMATCH,
          "the head's MAC does not check out: the head was written around Aegis");
    }
    return null;
  }
}
