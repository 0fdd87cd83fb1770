package io.guardstream.inspect.pii;

import io.guardstream.inspect.pii.secret.CredentialAssignmentRecognizer;
import io.guardstream.inspect.pii.secret.EncodedKeyMaterialRecognizer;
import io.guardstream.inspect.pii.secret.JwtRecognizer;
import io.guardstream.inspect.pii.secret.PrivateKeyRecognizer;
import io.guardstream.inspect.pii.secret.ProviderTokenRecognizer;
import io.guardstream.inspect.pii.secret.UrlCredentialRecognizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The recognisers a scanner runs, built once; immutable. */
public final class RecognizerRegistry {

  private final List<EntityRecognizer> recognizers;

  public RecognizerRegistry(List<EntityRecognizer> recognizers) {
    if (recognizers.isEmpty()) {
      throw new IllegalArgumentException("a registry needs at least one recognizer");
    }
    this.recognizers = List.copyOf(recognizers);
  }

  /** Every built-in recogniser. Loads the provider token table, gazetteers and the name finder model. */
  public static RecognizerRegistry defaults() {
    NameTagger names = new NameTagger();
    return new RecognizerRegistry(List.of(
        new EmailRecognizer(),
        new PhoneRecognizer(),
        new UsSsnRecognizer(),
        new CreditCardRecognizer(),
        new IbanRecognizer(),
        new IpAddressRecognizer(),
        new UrlRecognizer(),
        new CryptoRecognizer(),
        new DriverLicenseRecognizer(),
        new UsBankNumberRecognizer(),
        new UsPassportRecognizer(),
        new DateTimeRecognizer(),
        new AddressRecognizer(),
        new PersonRecognizer(names),
        new LocationRecognizer(names),
        new OrganizationRecognizer(),
        new ProviderTokenRecognizer(),
        new PrivateKeyRecognizer(),
        new JwtRecognizer(),
        new UrlCredentialRecognizer(),
        new CredentialAssignmentRecognizer(),
        new EncodedKeyMaterialRecognizer()));
  }

  public List<EntityRecognizer> recognizers() {
    return recognizers;
  }

  /** The entity types these recognisers can emit. */
  public Set<String> types() {
    Set<String> types = new LinkedHashSet<>();
    for (EntityRecognizer r : recognizers) {
      types.add(r.type());
    }
    return types;
  }
}
