package io.guardstream.inspect.pii.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.inspect.pii.secret.CredentialWords.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialWordsTest {

  @ParameterizedTest
  @CsvSource({
      "password, PASSWORD", "DB_PASSWD, PASSWORD", "MYSQLPASS, PASSWORD", "X3_PSWD, PASSWORD",
      "userPwd, PASSWORD", "passphrase, PASSWORD", "AwsSecretKey, SECRET", "client_secret, SECRET",
      "apiKey, SECRET", "Authorization, SECRET", "access_token, SECRET", "bypass, NONE",
      "keyboard, NONE", "stopword, NONE", "password_id, NONE", "token_type, NONE", "monkey, NONE",
      "compass, NONE", "username, NONE"})
  void shouldClassifyIdentifiers(String identifier, Kind expected) {
    assertThat(CredentialWords.classify(identifier, 0, identifier.length())).isEqualTo(expected);
  }
}
