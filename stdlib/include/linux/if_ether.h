/* ebcc freestanding header: Ethernet frame header and EtherType values. */
#if !defined(__EBCC_LINUX_IF_ETHER_H) && !defined(_LINUX_IF_ETHER_H)
#define __EBCC_LINUX_IF_ETHER_H
#define _LINUX_IF_ETHER_H

#include <linux/types.h>

#define ETH_ALEN 6          /* bytes in a MAC address */
#define ETH_TLEN 2          /* bytes in the EtherType field */
#define ETH_HLEN 14         /* header: two addresses and the type */
#define ETH_ZLEN 60         /* minimum frame, without FCS */
#define ETH_DATA_LEN 1500   /* maximum payload */
#define ETH_FRAME_LEN 1514  /* maximum frame, without FCS */
#define ETH_FCS_LEN 4
#define ETH_MIN_MTU 68
#define ETH_MAX_MTU 0xFFFFU

/* EtherType values (host order; compare against bpf_htons(...) of them). */
#define ETH_P_LOOP 0x0060
#define ETH_P_IP 0x0800
#define ETH_P_X25 0x0805
#define ETH_P_ARP 0x0806
#define ETH_P_BATMAN 0x4305
#define ETH_P_TEB 0x6558     /* transparent Ethernet bridging (GRE) */
#define ETH_P_RARP 0x8035
#define ETH_P_ATALK 0x809B
#define ETH_P_AARP 0x80F3
#define ETH_P_8021Q 0x8100   /* 802.1Q VLAN tag */
#define ETH_P_ERSPAN 0x88BE
#define ETH_P_IPX 0x8137
#define ETH_P_IPV6 0x86DD
#define ETH_P_PAUSE 0x8808
#define ETH_P_SLOW 0x8809
#define ETH_P_WCCP 0x883E
#define ETH_P_MPLS_UC 0x8847
#define ETH_P_MPLS_MC 0x8848
#define ETH_P_ATMMPOA 0x884c
#define ETH_P_PPP_DISC 0x8863
#define ETH_P_PPP_SES 0x8864
#define ETH_P_LINK_CTL 0x886c
#define ETH_P_ATMFATE 0x8884
#define ETH_P_PAE 0x888E     /* 802.1X */
#define ETH_P_PROFINET 0x8892
#define ETH_P_REALTEK 0x8899
#define ETH_P_AOE 0x88A2
#define ETH_P_ETHERCAT 0x88A4
#define ETH_P_8021AD 0x88A8  /* 802.1ad service VLAN tag (QinQ) */
#define ETH_P_802_EX1 0x88B5
#define ETH_P_ERSPAN2 0x22EB
#define ETH_P_TIPC 0x88CA
#define ETH_P_LLDP 0x88CC
#define ETH_P_MACSEC 0x88E5
#define ETH_P_8021AH 0x88E7
#define ETH_P_MVRP 0x88F5
#define ETH_P_1588 0x88F7    /* PTP */
#define ETH_P_NCSI 0x88F8
#define ETH_P_PRP 0x88FB
#define ETH_P_CFM 0x8902
#define ETH_P_FCOE 0x8906
#define ETH_P_FIP 0x8914
#define ETH_P_HSR 0x892F
#define ETH_P_NSH 0x894F
#define ETH_P_LOOPBACK 0x9000
#define ETH_P_QINQ1 0x9100
#define ETH_P_QINQ2 0x9200
#define ETH_P_QINQ3 0x9300
#define ETH_P_EDSA 0xDADA
#define ETH_P_DSA_8021Q 0xDADB
#define ETH_P_IFE 0xED3E

/* Values below ETH_P_802_3_MIN are frame lengths, not types. */
#define ETH_P_802_3_MIN 0x0600

/* Pseudo types used inside the kernel and by packet sockets. */
#define ETH_P_802_3 0x0001
#define ETH_P_AX25 0x0002
#define ETH_P_ALL 0x0003     /* every protocol (packet sockets) */
#define ETH_P_802_2 0x0004
#define ETH_P_SNAP 0x0005
#define ETH_P_CAN 0x000C
#define ETH_P_CANFD 0x000D
#define ETH_P_DSA 0x001B
#define ETH_P_MAP 0x00F9
#define ETH_P_MCTP 0x00FA

/* The Ethernet header, 14 bytes with no padding. */
struct ethhdr {
	unsigned char h_dest[ETH_ALEN];
	unsigned char h_source[ETH_ALEN];
	__be16 h_proto; /* EtherType, network byte order */
} __attribute__((packed));

#endif
