"""Playbooks (工作流程模板): the built-in and the RM's own (copy, edit), started for a client as
dated steps that are worklist items of kind ``playbook_step``; a step done logs the contact.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["library", "runs", "steps"]
