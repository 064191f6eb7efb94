"""Team projects: local replicas synced through a shared PostgreSQL database."""
