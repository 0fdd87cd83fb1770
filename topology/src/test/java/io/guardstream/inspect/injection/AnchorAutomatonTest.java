package io.guardstream.inspect.injection;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.inspect.injection.AnchorAutomaton.Occurrences;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnchorAutomatonTest {

  private static List<Integer> starts(Occurrences o, int id) {
    List<Integer> result = new ArrayList<>();
    for (int i = o.head()[id] - 1; i >= 0; i = o.next()[i] - 1) {
      result.add(0, o.start()[i]);
    }
    return result;
  }

  @Test
  void shouldFindOverlappingAndNestedAnchorsInOnePass() {
    AnchorAutomaton automaton =
        new AnchorAutomaton(
            List.of("he", "she", "hers", "密码"),
            new boolean[] {true, true, true, true},
            new boolean[] {true, true, true, true});

    Occurrences o = automaton.scan("ushers know the 密码");

    assertThat(starts(o, 0)).containsExactly(2, 13);
    assertThat(starts(o, 1)).containsExactly(1);
    assertThat(starts(o, 2)).containsExactly(2);
    assertThat(starts(o, 3)).containsExactly(16);
    assertThat(o.foundCount()).isEqualTo(4);
  }

  @Test
  void shouldRecordWordInitialAnchorsOnlyWhereAWordBegins() {
    AnchorAutomaton automaton =
        new AnchorAutomaton(List.of("not"), new boolean[] {true}, new boolean[] {false});

    Occurrences o = automaton.scan("knot not cannot (not)");

    assertThat(starts(o, 0)).containsExactly(5, 17);
    assertThat(o.present()[0]).isTrue();
  }

  @Test
  void shouldFindNonAsciiAnchorsAmongCharactersNoAnchorHolds() {
    // a character that occurs in no anchor sends the automaton straight back to the root
    AnchorAutomaton automaton =
        new AnchorAutomaton(
            List.of("пароль", "密码", "ignore"),
            new boolean[] {true, true, true},
            new boolean[] {true, true, true});

    Occurrences o = automaton.scan("паро—пароль 東京密码京密 ignoéignore");

    assertThat(starts(o, 0)).containsExactly(5);
    assertThat(starts(o, 1)).containsExactly(14);
    assertThat(starts(o, 2)).containsExactly(24);
    assertThat(o.foundCount()).isEqualTo(3);
  }
}
