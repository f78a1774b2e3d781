//! A whole 1688 fetch: first-level categories, then breadth first down to the leaves.

use shelfcheck_fetch::{for_each_bounded, Skipped, Stage, TreeWalk};

use crate::client::{AlibabaClient, PLATFORM};
use crate::error::AlibabaError;
use crate::import::import_exchanges;
use crate::model::{InfoData, Node};

#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// Start below this category instead of at the first level.
    pub root: Option<i64>,
    /// Stop at the first failing category instead of skipping it.
    pub strict: bool,
}

/// The result of a fetch; categories whose children could not be fetched are `skipped`.
pub type FetchReport = shelfcheck_fetch::FetchReport<AlibabaError>;

/// Why a fetch produced no snapshot.
pub type FetchError = shelfcheck_fetch::FetchError<AlibabaError>;

/// The category an answer describes (`None`: the first level) and those of its children that
/// have children of their own.
fn parents_of(data: &InfoData) -> (Option<i64>, Vec<&Node>) {
    match data {
        InfoData::TopLevel(nodes) => (None, nodes.iter().filter(|n| n.has_children).collect()),
        InfoData::One(info) => (Some(info.id), info.children.iter().filter(|n| n.has_children).collect()),
    }
}

/// Walks the tree breadth first, each category id once (a tree with a cycle ends, and the
/// repeat is reported), a bounded number of tasks alive. A snapshot that would not compile is
/// an error; categories whose children could not be fetched are marked `incomplete`.
pub async fn fetch(client: &AlibabaClient, options: &FetchOptions) -> Result<FetchReport, FetchError> {
    let start = client.transport().recorder().len();
    let transport = client.transport();
    transport.stage_started(Stage::Categories, None);
    let mut tree = TreeWalk::new();
    if let Some(root) = options.root {
        tree.admit(None, root, "")?;
    }
    let first = client.category_info(options.root).await?;
    let (first_parent, first_children) = parents_of(&first);
    let mut frontier = Vec::new();
    for n in first_children {
        if tree.admit(first_parent.or(options.root), n.id, &n.name)? {
            frontier.push(n.id);
        }
    }
    let mut skipped = Vec::new();
    let limit = client.transport().max_concurrency();
    while !frontier.is_empty() {
        let level = std::mem::take(&mut frontier);
        let work = |id: i64| {
            let c = client.clone();
            async move { (id, c.category_info(Some(id)).await) }
        };
        for_each_bounded(level, limit, work, |joined| -> Result<(), FetchError> {
            let (id, result) = joined?;
            transport.advanced(Stage::Categories);
            match result {
                Ok(data) => {
                    // The children are filed under the category asked for, whatever id the
                    // answer claims to describe.
                    for n in parents_of(&data).1 {
                        if tree.admit(Some(id), n.id, &n.name)? {
                            frontier.push(n.id);
                        }
                    }
                    Ok(())
                }
                Err(e) if options.strict => Err(e.into()),
                Err(e) => {
                    Skipped::push(&mut skipped, transport, id, Stage::Categories, e);
                    Ok(())
                }
            }
        })
        .await?;
    }
    transport.stage_finished(Stage::Categories);
    let source = format!("{PLATFORM} category API");
    FetchReport::from_recording(transport, start, &source, import_exchanges, skipped, tree.into_repeats())
}
