//! The model: a platform's category metadata as data, the first stage of the pipeline.
//!
//! A [`Snapshot`](snapshot::Snapshot) holds one platform's categories, properties, values and
//! limits as flat lists referencing each other by id, with the typed publish rules of
//! [`rule_model`]; [`ids`] reads the platforms' ids, numbers or numeric strings alike. Importers
//! fill a snapshot and nothing here checks it: it is handed as it is to [`crate::catalog`],
//! which checks and indexes it.

pub(crate) mod field_names;
pub mod ids;
pub mod rule_model;
pub mod snapshot;
