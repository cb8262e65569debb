package dev.cachet.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.node.IdentityKey;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommitteeTest {

  static IdentityKey key(int i) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) (i >> 8);
    bytes[1] = (byte) i;
    bytes[31] = 7;
    return IdentityKey.of(bytes);
  }

  static Member member(int i, long stake) {
    return new Member("node-" + i, key(i), stake, URI.create("http://127.0.0.1:" + (9000 + i)));
  }

  @Test
  void ordersMembersByIdentityKeyAndEqualsWhateverTheOrderGiven() {
    List<Member> members = new ArrayList<>(List.of(member(3, 1), member(1, 2), member(2, 3)));
    Committee a = Committee.of(5, members);
    Collections.reverse(members);
    Committee b = Committee.of(5, members);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.members()).extracting(Member::name).containsExactly("node-1", "node-2", "node-3");
    assertThat(a.totalStake()).isEqualTo(6);
    assertThat(Committee.of(6, members)).isNotEqualTo(a);
  }

  @Test
  void countsTheStakeOfMembersOnlyAndEachOnce() {
    Committee c = Committee.of(0, List.of(member(1, 10), member(2, 10), member(3, 10)));
    assertThat(c.stakeOf(List.of(key(1), key(1), key(9)))).isEqualTo(10);
    assertThat(c.isQuorum(List.of(key(1), key(2)))).isFalse(); // exactly 2/3
    assertThat(c.isQuorum(List.of(key(1), key(2), key(3)))).isTrue();
    assertThat(c.isValidity(List.of(key(1)))).isFalse(); // exactly 1/3
    assertThat(c.isValidity(List.of(key(1), key(2)))).isTrue();
  }

  @Test
  void refusesWhatCannotBeACommittee() {
    assertInvalid(List.of());
    assertInvalid(List.of(member(1, 1), member(1, 2)));
    assertInvalid(List.of(member(1, 0)));
    assertInvalid(List.of(member(1, -5)));
    assertInvalid(List.of(member(1, Long.MAX_VALUE), member(2, 1)));
    assertInvalid(List.of(new Member(" ", key(1), 1, URI.create("http://a:1"))));
    List<Member> many = new ArrayList<>();
    for (int i = 0; i <= Committee.MAX_MEMBERS; i++) {
      many.add(member(i, 1));
    }
    assertInvalid(many);
    assertThat(Committee.of(0, many.subList(0, Committee.MAX_MEMBERS)).members())
        .hasSize(Committee.MAX_MEMBERS);
  }

  @Test
  void acceptsOnlyAPeerBaseUrl() {
    assertThat(Committee.parseUrl("http://127.0.0.1:8080")).hasPort(8080);
    assertThat(Committee.parseUrl("https://node.example:443")).hasHost("node.example");
    for (String bad :
        new String[] {
          "127.0.0.1:8080",
          "http://127.0.0.1",
          "ftp://a:1",
          "http://a:1/path",
          "http://a:1?q",
          "http://u:p@a:1",
          "http://a:1#f",
          "http://:1",
          "not a url",
          "mailto:a@b"
        }) {
      assertThatThrownBy(() -> Committee.parseUrl(bad))
          .as(bad)
          .isInstanceOf(InvalidCommitteeException.class);
    }
  }

  @Test
  void keepsEachUrlInItsCanonicalFormSoEqualCommitteesEncodeAlike() {
    Committee upper =
        Committee.of(
            1, List.of(new Member("n", key(1), 1, URI.create("http://Node.Example:08080"))));
    Committee lower =
        Committee.of(
            1, List.of(new Member("n", key(1), 1, URI.create("http://node.example:8080"))));
    assertThat(upper).isEqualTo(lower);
    assertThat(upper.members().get(0).url()).hasToString("http://node.example:8080");
    assertThat(CommitteeCodec.encode(upper)).isEqualTo(CommitteeCodec.encode(lower));
    assertThat(Committee.parseUrl("https://[::1]:443")).hasToString("https://[::1]:443");
  }

  @Test
  void refusesAUrlLongerThanItsLimitOrAPortBeyond65535() {
    // Before the limit, such a URL overflowed the codec's 16-bit length into bytes that do not
    // decode.
    String longHost = "a".repeat(70_000);
    assertInvalid(List.of(new Member("n", key(1), 1, URI.create("http://" + longHost + ":1"))));
    String atLimit = "http://" + "a".repeat(Committee.MAX_URL - "http://:1".length()) + ":1";
    assertThat(Committee.parseUrl(atLimit).toString()).hasSize(Committee.MAX_URL);
    assertThatThrownBy(() -> Committee.parseUrl("http://a" + atLimit.substring(7)))
        .isInstanceOf(InvalidCommitteeException.class);
    assertThatThrownBy(() -> Committee.parseUrl("http://a:65536"))
        .isInstanceOf(InvalidCommitteeException.class);
    assertThat(Committee.parseUrl("http://a:65535")).hasPort(65535);
  }

  @Test
  void encodesCanonicallyAndBack() {
    Committee c =
        Committee.of(
            42, List.of(member(2, 5), new Member("ünïcode", key(1), 7, URI.create("http://h:1"))));
    byte[] bytes = CommitteeCodec.encode(c);
    assertThat(CommitteeCodec.decode(bytes)).isEqualTo(c);
    assertThat(bytes[0]).isEqualTo((byte) 1);
    assertThatThrownBy(
            () -> CommitteeCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setsACommitteeOnceAndRefusesAnother() {
    InMemoryCommittees store = new InMemoryCommittees();
    Committees committees = new Committees(store, null, true, Optional::empty);
    Committee c = Committee.of(3, List.of(member(1, 1)));
    assertThat(committees.set(c)).isEqualTo(Committees.Outcome.CREATED);
    assertThat(committees.set(Committee.of(3, List.of(member(1, 1)))))
        .isEqualTo(Committees.Outcome.UNCHANGED);
    assertThatThrownBy(() -> committees.set(Committee.of(3, List.of(member(1, 2)))))
        .isInstanceOf(CommitteeExistsException.class);
    assertThat(committees.get(3)).isEqualTo(c);
    assertThatThrownBy(() -> committees.get(4)).isInstanceOf(CommitteeNotFoundException.class);
  }

  @Test
  void aMemberWithoutAConfiguredGenesisRefusesTheCommittee() {
    InMemoryCommittees store = new InMemoryCommittees();
    Committees committees = new Committees(store, null, false, () -> Optional.of(key(1)));
    assertThatThrownBy(() -> committees.set(Committee.of(3, List.of(member(1, 1)))))
        .isInstanceOf(GenesisNotConfiguredException.class);
    assertThat(store.find(3)).isEmpty();
    // A committee it is not in is only information: it may be set.
    assertThat(committees.set(Committee.of(3, List.of(member(2, 1)))))
        .isEqualTo(Committees.Outcome.CREATED);
  }

  private static void assertInvalid(List<Member> members) {
    assertThatThrownBy(() -> Committee.of(1, members))
        .isInstanceOf(InvalidCommitteeException.class)
        .extracting("code")
        .isEqualTo("INVALID_COMMITTEE");
  }

  /** A store in memory, for the service's own rules; the JPA store has its own test on H2. */
  static final class InMemoryCommittees implements CommitteeStore {
    private final java.util.Map<Long, Committee> map =
        new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Optional<Committee> find(long epoch) {
      return Optional.ofNullable(map.get(epoch));
    }

    @Override
    public boolean insertIfAbsent(Committee committee) {
      return map.putIfAbsent(committee.epoch(), committee) == null;
    }
  }
}
