"""The interactive network page (pyvis), self-contained for offline use."""
from __future__ import annotations

from rdflib import RDF, Graph
from rdflib.namespace import SKOS

from kg.graph import HKG
from kg.model import RELATIONS

TYPE_COLOURS = {
    "Hospital": "#e15759", "University": "#4e79a7", "PartyOrganization": "#d62728",
    "Alliance": "#59a14f", "GovernmentBody": "#edc948", "Organization": "#b07aa1",
    "Honor": "#f28e2b", "Person": "#76b7b2",
}


def render_html(g: Graph) -> str:
    """A pyvis page of the entity network with JavaScript inlined."""
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    label = {s: str(o) for s, o in g.subject_objects(SKOS.prefLabel)}
    for node, name in sorted(label.items()):
        types = [t for t in g.objects(node, RDF.type) if str(t).startswith(str(HKG))]
        type_ = str(types[0]).split("#")[-1] if types else "Organization"
        net.add_node(str(node), label=name, title=f"{type_}: {name}",
                     color=TYPE_COLOURS.get(type_, "#999999"))
    for rel in RELATIONS:
        for s, o in sorted(g.subject_objects(HKG[rel])):
            if s in label and o in label:
                net.add_edge(str(s), str(o), title=rel, label=rel)
    return net.generate_html()
