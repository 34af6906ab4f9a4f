import tracemalloc
from collections.abc import Iterator, Sequence
from typing import ClassVar

import pytest

from frontwire.config import load_config
from frontwire.executors import CollectingSink, LocalExecutor
from frontwire.pipeline import Context, Pipeline, Stage
from frontwire.records import Article, Reject, RunStats
from frontwire.testing import FailOnStage, make_article, make_articles


class Upper(Stage):
    name: ClassVar[str] = "upper"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"metadata"})

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.batches: list[int] = []

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        self.batches.append(len(articles))
        return [a.replace(metadata={"upper": a.text.upper()}) for a in articles]


def ctx() -> Context:
    return Context(config=load_config())


def test_one_failing_article_is_rejected_and_the_batch_goes_on() -> None:
    failing = FailOnStage(ctx())
    pipeline = Pipeline([failing, Upper(ctx())])
    sink = CollectingSink()
    articles = make_articles(["fine one", "this will FAIL", "fine two"])
    stats = LocalExecutor(pipeline, batch_size=8, progress=False).run(articles, sink)
    assert [a.text for a in sink.articles] == ["fine one", "fine two"]
    assert len(sink.rejects) == 1
    reject = sink.rejects[0]
    assert reject.stage == "fail_on"
    assert reject.code == "FW401"
    assert "marker 'FAIL' found" in reject.reason
    assert reject.payload == "this will FAIL"
    assert reject.article_id == articles[1].id
    assert (stats.articles, stats.rejected) == (2, 1)
    assert stats.stages[0].rejected == 1 and stats.stages[1].articles_in == 2


def test_ingest_rejects_pass_through_to_the_sink() -> None:
    reject = Reject(id="r1", code="FW302", reason="x.txt: the file is empty.", stage="ingest")
    sink = CollectingSink()
    items: list[Article | Reject] = [make_article("hello"), reject]
    LocalExecutor(Pipeline([Upper(ctx())]), progress=False).run(items, sink)
    assert sink.rejects == [reject]
    assert len(sink.articles) == 1


def test_stages_see_batches_of_the_configured_size_and_stats_are_recorded() -> None:
    upper = Upper(ctx())
    sink = CollectingSink()
    stats = LocalExecutor(Pipeline([upper]), batch_size=4, progress=False).run(
        make_articles([f"article {i}" for i in range(10)]), sink
    )
    assert upper.batches == [4, 4, 2]
    assert stats.stages[0].articles_in == 10 and stats.stages[0].seconds >= 0
    assert stats.finished_at is not None
    assert [r.run_id for r in sink.runs] == [stats.run_id]


class CountingSink:
    def __init__(self) -> None:
        self.count = 0

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        self.count += len(articles)

    def record_run(self, stats: RunStats) -> None:
        pass


def test_memory_is_flat_in_corpus_size() -> None:
    def stream(n: int) -> Iterator[Article]:
        for i in range(n):
            yield make_article(f"article number {i} " + "word " * 200)

    def peak(n: int) -> int:
        sink = CountingSink()
        tracemalloc.start()
        LocalExecutor(Pipeline([Upper(ctx())]), batch_size=16, progress=False).run(stream(n), sink)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert sink.count == n
        return top

    small, large = peak(200), peak(2000)
    # Ten times the articles must not need anywhere near ten times the memory.
    assert large < small * 2


def test_progress_bar_is_drawn_on_request_and_quiet_when_not_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    articles = make_articles(["one", "two", "three"])
    LocalExecutor(Pipeline([Upper(ctx())]), progress=None).run(articles, CollectingSink())
    assert capsys.readouterr().err == ""  # pytest's stderr is not a terminal
    LocalExecutor(Pipeline([Upper(ctx())]), progress=True, total=3).run(articles, CollectingSink())
    assert "articles" in capsys.readouterr().err
