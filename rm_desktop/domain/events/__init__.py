"""Salons and events (活动): the event's fields, the invitation status flow, seats and the
waiting list. Pure: the services load and store, the rules live here."""
