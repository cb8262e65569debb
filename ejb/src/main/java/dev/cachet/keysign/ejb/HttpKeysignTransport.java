package dev.cachet.keysign.ejb;

import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.committee.Member;
import dev.cachet.keysign.KeysignTransport;
import dev.cachet.keysign.SignedMessage;
import dev.cachet.keysign.wire.SignedJson;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.PeerHealth;
import dev.cachet.peer.ejb.PeerCalls;
import dev.cachet.peer.ejb.PeerClient;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The keysign's peer calls over HTTP, in the peer message lane. A participant is reached at the URL
 * the current committee gives its identity key (else the next one's, else the previous one's). A
 * refusal with a JSON error body is an answer (its code goes to the engine); no answer at all is
 * {@link Reply#UNAVAILABLE}. Calls are tried once: the engine decides what comes next. Every call
 * is counted by kind, so the round trips per digest can be read from the node.
 */
final class HttpKeysignTransport implements KeysignTransport {

  private final PeerClient client;
  private final PeerCalls calls;
  private final PeerHealth health;
  private final CommitteeDirectory committees;
  private final MetricRegistry metrics;

  HttpKeysignTransport(
      PeerClient client,
      PeerCalls calls,
      PeerHealth health,
      CommitteeDirectory committees,
      MetricRegistry metrics) {
    this.client = client;
    this.calls = calls;
    this.health = health;
    this.committees = committees;
    this.metrics = metrics;
  }

  /** Counts a keysign call to a peer ({@code cachet_keysign_peer_calls_total{kind}}). */
  private void counted(String kind) {
    metrics.counter("cachet.keysign.peer.calls", new Tag("kind", kind)).inc();
  }

  @Override
  public boolean reachable(IdentityKey peer) {
    return member(peer).isPresent() && health.state(peer).circuit() != PeerHealth.Circuit.OPEN;
  }

  @Override
  public void commit(IdentityKey to, SignedMessage request, Consumer<Reply> done) {
    counted("commit");
    exchange(
        to, "keysign round one", SignedJson.COMMIT, request, MessageKind.KEYSIGN_COMMITMENTS, done);
  }

  @Override
  public void sign(IdentityKey to, SignedMessage request, Consumer<Reply> done) {
    counted("sign");
    exchange(to, "keysign round two", SignedJson.SIGN, request, MessageKind.KEYSIGN_SHARES, done);
  }

  @Override
  public void deliver(IdentityKey to, SignedMessage signatures) {
    Optional<Member> member = member(to);
    if (member.isEmpty()) {
      return;
    }
    SignedJson body = SignedJson.of(signatures);
    counted("signatures");
    calls.call(
        member.get(),
        "keysign signatures",
        () ->
            client.postJson(
                member.get().url(), SignedJson.SIGNATURES, body, SignedJson.Delivered.class),
        r -> {},
        null);
  }

  private void exchange(
      IdentityKey to,
      String what,
      String path,
      SignedMessage request,
      MessageKind answerKind,
      Consumer<Reply> done) {
    Optional<Member> member = member(to);
    if (member.isEmpty()) {
      done.accept(Reply.refused(Reply.UNAVAILABLE));
      return;
    }
    SignedJson body = SignedJson.of(request);
    calls.call(
        member.get(),
        what,
        () -> {
          PeerClient.Answer<SignedJson> answer =
              client.exchange(member.get().url(), path, body, SignedJson.class);
          if (!answer.ok()) {
            return Reply.refused(answer.errorCode());
          }
          try {
            return Reply.of(answer.value().toMessage(answerKind));
          } catch (RuntimeException e) {
            return Reply.refused("INVALID_ANSWER");
          }
        },
        done,
        Reply.refused(Reply.UNAVAILABLE));
  }

  private Optional<Member> member(IdentityKey key) {
    long current = committees.currentEpoch();
    for (long epoch : new long[] {current, current + 1, current - 1}) {
      if (epoch < 0) {
        continue;
      }
      Optional<Member> m = committees.find(epoch).flatMap((Committee c) -> c.member(key));
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }
}
