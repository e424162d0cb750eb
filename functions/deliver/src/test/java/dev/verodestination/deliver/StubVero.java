package dev.verodestination.deliver;

import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.log.JsonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A Vero sender for the fast unit tests: records each request and answers as the test scripts. */
final class StubVero implements VeroSender {

  private final List<VeroRequest> sent = new CopyOnWriteArrayList<>();
  private final Function<VeroRequest, VeroOutcome> answer;

  StubVero(Function<VeroRequest, VeroOutcome> answer) {
    this.answer = answer;
  }

  static StubVero delivering() {
    return new StubVero(r -> new VeroOutcome.Delivered(200));
  }

  @Override
  public VeroOutcome send(VeroRequest request, JsonLog log) {
    sent.add(request);
    return answer.apply(request);
  }

  List<String> calls() {
    List<String> calls = new ArrayList<>();
    sent.forEach(r -> calls.add(r.method() + " " + r.path()));
    return calls;
  }

  /** Each request as method, path and exact body. */
  List<String> requests() {
    List<String> requests = new ArrayList<>();
    sent.forEach(r -> requests.add(r.method() + " " + r.path() + " " + r.body()));
    return requests;
  }
}
