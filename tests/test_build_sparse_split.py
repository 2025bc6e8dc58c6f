"""The sparse step of term pairing split with a forked process (``extract_tm_terms(jobs=2)``)
gives the term pairs of one process: each candidate's choice reads only its own pairs."""
from __future__ import annotations

from aligner.align import forked
from aligner.glossary import from_tm
from aligner.glossary.from_tm import TmPair, extract_tm_terms
from aligner.model import Source

# our own pairs: terms seen once or twice, which the sparse step decides
ROWS = [
    ("这个城市试行了新的治理模式。", "The city is trying out new governance models."),
    ("容器镜像保存在镜像仓库中。", "Container images are kept in an image registry."),
    ("节点上运行多个容器。", "A node runs several containers."),
    ("调度器为每个容器选择节点。", "The scheduler picks a node for every container."),
    ("负载均衡器把请求分给后端服务。", "The load balancer spreads requests over the backend services."),
    ("日志收集器把日志写入对象存储。", "The log collector writes logs to object storage."),
    ("访问令牌在一小时后过期。", "Access tokens expire after one hour."),
    ("防火墙规则只允许内部流量。", "The firewall rules allow internal traffic only."),
    ("数据库备份每天凌晨运行。", "Database backups run every night."),
    ("缓存命中率下降了一半。", "The cache hit rate fell by half."),
]


def test_the_split_sparse_step_gives_the_same_term_pairs(monkeypatch) -> None:
    pairs = [TmPair(z, e, Source("p", k), Source("p.en", k)) for k, (z, e) in enumerate(ROWS, 1)]
    alone = extract_tm_terms(pairs)
    forks: list[object] = []
    start = forked.start

    def counted(task):
        forks.append(task)
        return start(task)

    monkeypatch.setattr(forked, "start", counted)
    monkeypatch.setattr(from_tm, "SPLIT_AFTER", 2)
    split = extract_tm_terms(pairs, jobs=2)
    assert len(forks) == 1 and alone.terms
    assert split == alone and split.entries == alone.entries
    assert [t.reasons() for t in split.terms] == [t.reasons() for t in alone.terms]
