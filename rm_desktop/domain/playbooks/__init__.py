"""Playbooks (工作流程模板): named lists of dated steps started for a client; the built-in
ones of the training material. Pure: the services store copies and runs."""
