package dev.cachet.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncEvent;
import org.junit.jupiter.api.Test;

/** The bound on requests dispatched after their bodies were read. */
class DispatchPermitsTest {

  /** A permit reads nothing of the event. */
  private static final AsyncEvent NO_EVENT = null;

  @Test
  void refusesBeyondItsBoundAndGivesAPermitBackOnceHoweverTheRequestEnds() throws Exception {
    DispatchPermits permits = new DispatchPermits(2);
    DispatchPermits.Permit first = permits.permit();
    DispatchPermits.Permit second = permits.permit();
    DispatchPermits.Permit third = permits.permit();
    assertThat(first.acquire()).isTrue();
    assertThat(second.acquire()).isTrue();
    assertThat(third.acquire()).as("the third waits for nobody: refused").isFalse();

    first.onError(NO_EVENT);
    first.onComplete(NO_EVENT); // an error, then the completion: one permit back
    assertThat(permits.available()).isEqualTo(1);
    third.onComplete(NO_EVENT); // refused, it held none: it gives none back
    assertThat(permits.available()).isEqualTo(1);
    second.onTimeout(NO_EVENT);
    assertThat(permits.available()).isEqualTo(2);
  }

  @Test
  void aRequestThatEndedBeforeItsBodyArrivedTakesNoPermit() throws Exception {
    DispatchPermits permits = new DispatchPermits(1);
    DispatchPermits.Permit late = permits.permit();
    late.onComplete(NO_EVENT); // refused (408, 413) or broken off
    assertThat(late.acquire()).isFalse();
    assertThat(permits.available()).isEqualTo(1);
  }
}
