//! Generated graphs for benchmarks and tests: shaped like a care route
//! (routes that climb the levels, escalations, cases sent back down,
//! self-loops), reproducible from their size alone.

use super::graph::{EdgeKind, Graph, Lane, Node};

/// A small deterministic generator (SplitMix64), so samples need no
/// dependency and are the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

const WORDS: [&str; 16] = [
    "bespreking",
    "ondersteuning",
    "aanmelding",
    "overleg",
    "advies",
    "zorgteam",
    "ouders",
    "arrangement",
    "evaluatie",
    "plan",
    "jeugdhulp",
    "verwijzing",
    "school",
    "toelaatbaarheidsverklaring",
    "groep",
    "leerling",
];

/// A care-route-like graph of `n` procedures in four lanes, with two to
/// three edges per procedure, for timing the layout. Procedures belong to
/// stages of the process (about ten, climbing the levels); routes and most
/// escalations go one or two stages on, some cases are sent back, and now
/// and then a procedure loops.
pub fn bench_graph(n: usize) -> Graph {
    let mut rng = Rng::new(n as u64);
    let stages = 10usize.min(n.max(1));
    let stage_of = |i: usize| i * stages / n.max(1);
    let lanes = ["groep", "school", "bovenschools", "extern"]
        .iter()
        .map(|id| Lane {
            id: id.to_string(),
            title: format!("{id}niveau"),
        })
        .collect();
    let nodes = (0..n)
        .map(|i| {
            let words = 1 + rng.below(6);
            let title = (0..words)
                .map(|_| WORDS[rng.below(WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ");
            // Early stages at the low levels, later ones higher; extern
            // partners can come in at any stage.
            let lane = if rng.below(8) == 0 {
                3
            } else {
                (stage_of(i) * 3 / stages + rng.below(2)).min(2)
            };
            Node {
                key: format!("p{i}"),
                title: format!("{}{}", title[..1].to_uppercase(), &title[1..]),
                owner: (i % 3 != 0).then(|| "Intern begeleider".to_string()),
                limit: (i % 2 == 0).then(|| format!("{} weken", 1 + i % 9)),
                lane,
                href: format!("procedures/p{i}/"),
                connector: None,
            }
        })
        .collect();
    let mut graph = Graph {
        lanes,
        nodes,
        edges: Vec::new(),
    };
    let mut by_stage: Vec<Vec<usize>> = vec![Vec::new(); stages];
    for i in 0..n {
        by_stage[stage_of(i)].push(i);
    }
    let pick = |rng: &mut Rng, stage: usize| -> Option<usize> {
        let pool = by_stage.get(stage)?;
        (!pool.is_empty()).then(|| pool[rng.below(pool.len())])
    };
    // Routes: one step per stage or two.
    for _ in 0..n / 4 {
        let mut stage = rng.below(stages / 2 + 1);
        let mut prev = pick(&mut rng, stage);
        for _ in 0..2 + rng.below(4) {
            stage += 1 + rng.below(2);
            let Some(next) = pick(&mut rng, stage) else { break };
            if let Some(p) = prev {
                graph.add_edge(p, next, Some("Als de vorige stap niet genoeg hielp"), EdgeKind::Route);
            }
            prev = Some(next);
        }
    }
    // Escalations, a fifth of them back to an earlier stage.
    for i in 0..n {
        let stage = stage_of(i);
        for _ in 0..1 + rng.below(2) {
            let target = if rng.below(5) == 0 {
                stage.saturating_sub(1 + rng.below(3))
            } else {
                stage + 1 + rng.below(2)
            };
            if let Some(to) = pick(&mut rng, target) {
                let label = (rng.below(3) > 0).then_some("Wanneer de school er met de ouders niet uit komt");
                graph.add_edge(i, to, label, EdgeKind::Escalation);
            }
        }
        if i % 25 == 7 {
            graph.add_edge(i, i, Some("Een nieuwe cyclus"), EdgeKind::Escalation);
        }
    }
    graph
}

/// The old shape of [`bench_graph`]: escalations to any procedure at all.
/// Far from a care route (its longest path runs through most nodes), so it
/// is the worst case for the layout's time.
pub fn random_graph(n: usize, seed: u64) -> Graph {
    let mut rng = Rng::new(seed);
    let mut graph = bench_graph(n);
    graph.edges.clear();
    for i in 0..n {
        for _ in 0..1 + rng.below(2) {
            let to = rng.below(n);
            let label = (rng.below(3) > 0).then_some("Wanneer de school er met de ouders niet uit komt");
            graph.add_edge(i, to, label, EdgeKind::Escalation);
        }
    }
    graph
}

/// The shape of the benchmark corpus (`bench/gen_corpus.py`): procedure `i`
/// escalates to `i + d` (wrapping around) for every `d` in `steps`, so the
/// route is one long chain with jumps and a cycle through everything.
pub fn chain_graph(n: usize, steps: &[usize]) -> Graph {
    let mut graph = bench_graph(n);
    graph.edges.clear();
    for i in 0..n {
        for &d in steps {
            graph.add_edge(
                i,
                (i + d) % n,
                Some("Wanneer het niet genoeg helpt"),
                EdgeKind::Escalation,
            );
        }
    }
    graph
}
