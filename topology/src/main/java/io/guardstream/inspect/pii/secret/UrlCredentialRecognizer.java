package io.guardstream.inspect.pii.secret;

import io.guardstream.inspect.pii.Candidate;
import io.guardstream.inspect.pii.EntityRecognizer;
import io.guardstream.inspect.pii.TextProfile;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The password in a URL's userinfo ({@code postgres://app:s3cret@db:5432/x}, RFC 3986 section
 * 3.2.1), as connection strings carry it. Only the password is reported, so the masked URL still
 * tells the reader which host and user were meant.
 */
public final class UrlCredentialRecognizer implements EntityRecognizer {

  public static final String TYPE = "SECRET";
  private static final double SCORE = 0.95;
  /** The longest scheme USERINFO accepts: a letter and up to 20 more. */
  private static final int MAX_SCHEME = 21;
  private static final Pattern USERINFO = Pattern.compile(
      "[A-Za-z][A-Za-z0-9+.\\-]{1,20}://([^\\s:/?#\"'<>@]{1,128}(?:@[^\\s:/?#\"'<>@]{1,128})?):"
          + "([^\\s/?#\"'<>@]{1,128})@[A-Za-z0-9.\\-\\[\\]_]+");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.hasAt() && profile.colons() >= 2;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    Matcher m = null;
    int next = 0; // the first start not yet tried, as Matcher.find would go on from
    for (int p = text.indexOf("://"); p >= 0; p = text.indexOf("://", p + 1)) {
      // a scheme is 2 to 21 chars without ':', so a match begins 2 to 21 chars before its "://";
      // trying only there, in order, finds what find() over the text finds, without trying
      // every position of a long text
      for (int s = Math.max(next, p - MAX_SCHEME); s <= p - 2; s++) {
        if (m == null) {
          m = USERINFO.matcher(text);
        }
        m.region(s, text.length());
        if (m.lookingAt()) {
          int start = m.start(2);
          int end = m.end(2);
          if (validate(text.subSequence(start, end))) {
            out.add(new Candidate(TYPE, start, end, SCORE));
          }
          next = m.end();
          break;
        }
      }
      next = Math.max(next, p - 1);
    }
  }

  /** A real password: not empty, not a template variable or a word like "password". */
  @Override
  public boolean validate(CharSequence password) {
    String p = password.toString();
    return p.length() >= 3 && !SecretValues.isPlaceholder(p, 0, p.length())
        && !CredentialWords.isKeyword(p) && !p.startsWith("$") && !p.startsWith("%");
  }
}
