package io.guardstream.inspect.masking;

/**
 * Applies a {@link MaskingPolicy}: hands out a {@link MaskingSession} per request that replaces each
 * finding with what its type's operator makes of it for the request's tenant. Holds the keys of the
 * keyed operators, each only when the policy uses it. Thread-safe; sessions are not.
 */
public final class Masker {

  private final MaskingPolicy policy;
  private final TenantPseudonyms pseudonyms;
  private final Deanonymizer vault;

  /**
   * @param pseudonyms required when the policy uses {@code hash}, else may be null
   * @param vault required when the policy uses {@code encrypt}, else may be null
   */
  public Masker(MaskingPolicy policy, TenantPseudonyms pseudonyms, Deanonymizer vault) {
    if (policy.uses(MaskOperator.HASH) && pseudonyms == null) {
      throw new IllegalArgumentException("the hash operator needs a key (inspect.mask.hash.key)");
    }
    if (policy.uses(MaskOperator.ENCRYPT) && vault == null) {
      throw new IllegalArgumentException("the encrypt operator needs a key (inspect.mask.encryption.key)");
    }
    this.policy = policy;
    this.pseudonyms = pseudonyms;
    this.vault = vault;
  }

  /** Every type replaced by its tag, {@code <EMAIL_ADDRESS>}. */
  public static Masker tags() {
    return new Masker(MaskingPolicy.tags(), null, null);
  }

  public MaskingPolicy policy() {
    return policy;
  }

  /** The vault that seals and restores {@code encrypt} placeholders, or null when the policy never encrypts. */
  public Deanonymizer vault() {
    return vault;
  }

  /**
   * A session for one request's prompts: {@code encrypt} writes placeholders, numbered per type and
   * the same for the same value throughout the request, and remembers their values for
   * {@link MaskingSession#sealedVault}.
   *
   * @param tenant the request's tenant, or null
   */
  public MaskingSession forPrompt(String tenant) {
    return new MaskingSession(this, tenant, true);
  }

  /**
   * A session for text that is never restored (answers, audit records): {@code encrypt} writes the
   * type tag instead, since a placeholder there could only ever be put back to the value.
   */
  public MaskingSession irreversible(String tenant) {
    return new MaskingSession(this, tenant, false);
  }

  TenantPseudonyms pseudonyms() {
    return pseudonyms;
  }
}
