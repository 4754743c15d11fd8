//! The text an XMP packet carries for reviewers: `dc:description` (the caption),
//! `dc:title` and `dc:creator`, parsed with `roxmltree` (DTDs refused, so no entity
//! expansion).

const DC: &str = "http://purl.org/dc/elements/1.1/";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// Most XML nodes parsed from one packet (a real one has a few hundred).
const NODES_LIMIT: u32 = 100_000;

/// What the packet says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XmpText {
    /// dc:description (x-default, else the first language given).
    pub description: Option<String>,
    /// dc:title.
    pub title: Option<String>,
    /// dc:creator, in order.
    pub creators: Vec<String>,
}

/// Reads the packet; an error says why it is not well-formed XML.
pub fn read(packet: &[u8]) -> Result<XmpText, String> {
    let text = String::from_utf8_lossy(packet);
    let text = text.trim_end_matches(|c: char| c == '\0' || c.is_whitespace());
    let options = roxmltree::ParsingOptions {
        nodes_limit: NODES_LIMIT,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| e.to_string())?;
    let dc = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().namespace() == Some(DC) && n.tag_name().name() == name)
    };
    let items = |node: roxmltree::Node| -> Vec<(Option<String>, String)> {
        node.descendants()
            .filter(|n| n.tag_name().namespace() == Some(RDF) && n.tag_name().name() == "li")
            .filter_map(|li| {
                let text: String = li
                    .descendants()
                    .filter(|t| t.is_text())
                    .filter_map(|t| t.text())
                    .collect();
                let lang = li
                    .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                    .map(str::to_string);
                crate::charset::non_empty(&text).map(|text| (lang, text))
            })
            .collect()
    };
    let alt = |name: &str| -> Option<String> {
        let node = dc(name)?;
        let mut values = items(node);
        if values.is_empty() {
            return crate::charset::non_empty(node.text().unwrap_or_default());
        }
        let default = values
            .iter()
            .position(|(l, _)| l.as_deref() == Some("x-default"))
            .unwrap_or(0);
        Some(values.swap_remove(default).1)
    };
    Ok(XmpText {
        description: alt("description"),
        title: alt("title"),
        creators: dc("creator")
            .map(|n| items(n).into_iter().map(|(_, t)| t).collect())
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_language_alternatives_and_creators() {
        let packet = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:description><rdf:Alt><rdf:li xml:lang="en">Old house</rdf:li><rdf:li xml:lang="x-default">改造前的老屋</rdf:li></rdf:Alt></dc:description>
<dc:creator><rdf:Seq><rdf:li>张三</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>   "#;
        let x = read(packet.as_bytes()).unwrap();
        assert_eq!(x.description.as_deref(), Some("改造前的老屋"));
        assert_eq!(x.title, None);
        assert_eq!(x.creators, ["张三"]);
        assert!(read(b"<x:xmpmeta").is_err());
        assert!(read(b"<!DOCTYPE a [<!ENTITY b \"c\">]><a>&b;</a>").is_err());
    }
}
