"""Payments: gateways behind one interface, the payment ledger, provider events and refunds."""
