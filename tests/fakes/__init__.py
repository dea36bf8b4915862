"""Stand-ins for outside services, faked at their real boundary: loopback HTTP or library entry."""
